namespace Courseware.Lab;

/// <summary>What <c>docker build -t TAG DIR</c> produced.</summary>
public sealed record BuildResult(string Tag, string ImageId, IReadOnlyList<string> Log, TimeSpan Duration)
{
    public string ShortId => CliTwin.ShortId(ImageId);
    public override string ToString() => $"Built {Tag} ({ShortId}) in {Duration.TotalSeconds:0.0} s";
}
