namespace Courseware.Lab;

/// <summary>What <c>docker build -t TAG DIR</c> produced.</summary>
public sealed record BuildResult(string Tag, string ImageId, IReadOnlyList<string> Log, TimeSpan Duration)
{
    public string ShortId => ImageId.Replace("sha256:", "", StringComparison.Ordinal)[..12];
    public override string ToString() => $"Built {Tag} ({ShortId}) in {Duration.TotalSeconds:0.0} s";
}
