using System.Text.Json;
using Courseware.Cli.Tests.Support;

namespace Courseware.Cli.Tests.Cli;

/// <summary>
/// Teachers also run Jupyter's own exporter on our executed notebooks (Debian's jupyter-nbconvert): the code must come
/// out highlighted as C#, and our cards must keep their own look inside Jupyter's style sheet.
/// </summary>
public sealed class NbconvertExportTests
{
    [NbconvertFact]
    public async Task Nbconvert_highlights_the_code_as_csharp_and_the_cards_tables_stay_left_aligned()
    {
        // The fixture's language_info has Polyglot's name only, as Polyglot writes it; the runner adds Jupyter's fields.
        var notebook = await HandoutRun.PathOfAsync(".ipynb");
        var languageInfo = new ExecutedNotebook(notebook).Root["metadata"]!["language_info"]!;
        Assert.Equal(("polyglot-notebook", "csharp", ".cs", "text/x-csharp"),
            ((string?)languageInfo["name"], (string?)languageInfo["pygments_lexer"], (string?)languageInfo["file_extension"], (string?)languageInfo["mimetype"]));

        // lab is nbconvert's default template (JupyterLab's style sheet); classic is the Notebook's.
        foreach (var template in new[] { "lab", "classic" })
        {
            var output = Paths.NewOutputDirectory("nbconvert-" + template);
            var (exit, stdout, stderr) = Prerequisites.Run(Prerequisites.Nbconvert, ["--to", "html", "--template", template, "--output-dir", output, notebook]);
            Assert.True(exit == 0, $"nbconvert --template {template} exited {exit}:\n{stderr}{stdout}");
            Assert.DoesNotContain("No lexer found", stderr);
            var html = Path.Combine(output, "handout.html");
            Assert.Contains("<span class=\"kt\">var</span>", File.ReadAllText(html));

            await using var browser = await OfflinePage.OpenAsync(html);
            var aligned = JsonDocument.Parse(await browser.EvalAsync<string>("""
                JSON.stringify([...document.querySelectorAll('.cw table.cw-kv th, .cw table.cw-kv td, .cw table.cw-table th, .cw table.cw-table td:not(.cw-num)')]
                  .map(c => c.tagName + ' ' + c.textContent.trim().slice(0, 30) + ': ' + getComputedStyle(c).textAlign))
                """)).RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
            await browser.KeepAsync(html, "nbconvert-" + template);

            Assert.Contains(aligned, a => a.StartsWith("TD text/html", StringComparison.Ordinal));
            Assert.Contains(aligned, a => a.StartsWith("TD courseware-handout-container", StringComparison.Ordinal));
            Assert.All(aligned, a => Assert.EndsWith(": left", a));
        }
    }
}
