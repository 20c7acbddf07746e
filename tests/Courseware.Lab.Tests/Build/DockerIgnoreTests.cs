namespace Courseware.Lab.Tests.Build;

/// <summary>.dockerignore rules as the docker CLI applies them (Go filepath.Match plus **, last matching rule wins).</summary>
public sealed class DockerIgnoreTests
{
    private static DockerIgnore Rules(params string[] lines) => new(lines);

    [Theory]
    [InlineData("*.md", "README.md", true)]
    [InlineData("*.md", "docs/README.md", false)]        // * does not cross '/'
    [InlineData("**/*.md", "docs/deep/README.md", true)]
    [InlineData("**/*.md", "README.md", true)]           // **/ also matches no directory at all
    [InlineData("docs", "docs/a/b.txt", true)]           // a matched directory excludes what is under it
    [InlineData("docs", "docsite/index.html", false)]
    [InlineData("logs/**", "logs/2024/app.log", true)]
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("?.txt", "ab.txt", false)]
    [InlineData("[ab].txt", "b.txt", true)]
    [InlineData("[ab].txt", "c.txt", false)]
    [InlineData("[^ab].txt", "c.txt", true)]
    [InlineData("./secret", "secret", true)]             // cleaned like filepath.Clean
    [InlineData("a/../secret", "secret", true)]
    [InlineData("/secret", "secret", true)]
    [InlineData("\\*.md", "*.md", true)]                 // an escaped * is a literal star
    [InlineData("\\*.md", "x.md", false)]
    [InlineData("file.txt", "file.txt.bak", false)]      // anchored at both ends
    public void A_single_rule(string rule, string path, bool excluded) =>
        Assert.Equal(excluded, Rules(rule).IsExcluded(path));

    [Fact]
    public void The_last_matching_rule_wins()
    {
        Assert.False(Rules("*.txt", "!keep.txt").IsExcluded("keep.txt"));
        Assert.True(Rules("!keep.txt", "*.txt").IsExcluded("keep.txt"));
        Assert.True(Rules("*.txt", "!keep.txt").IsExcluded("other.txt"));
    }

    [Fact]
    public void Comments_blank_lines_and_whitespace_are_not_rules()
    {
        var rules = Rules("# *.md", "", "   ", "  *.log  ");

        Assert.False(rules.IsEmpty);
        Assert.False(rules.IsExcluded("README.md"));
        Assert.True(rules.IsExcluded("app.log"));
        Assert.True(Rules("# only a comment", "").IsEmpty);
    }

    [Fact]
    public void Windows_separators_in_paths_are_read_as_slashes() =>
        Assert.True(Rules("docs/*.md").IsExcluded("docs\\guide.md"));

    [Fact]
    public void Load_reads_the_context_folders_file_and_none_is_no_rules()
    {
        var context = Directory.CreateTempSubdirectory("courseware-dockerignore-").FullName;
        try
        {
            Assert.True(DockerIgnore.Load(context).IsEmpty);
            File.WriteAllLines(Path.Combine(context, ".dockerignore"), ["*.tmp", "!important.tmp"]);
            var rules = DockerIgnore.Load(context);
            Assert.True(rules.IsExcluded("x.tmp"));
            Assert.False(rules.IsExcluded("important.tmp"));
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }
}
