namespace Courseware.Lab;

/// <summary>
/// The mime types of what a cell displays, named once for the library, its notebook formatters, the runner and the
/// tests. The course's own two (check, prediction) are what <c>courseware run</c> counts into a score.
/// </summary>
public static class MimeTypes
{
    public const string Html = "text/html";
    public const string PlainText = "text/plain";
    public const string Png = "image/png";

    /// <summary>Plotly's standard bundle <c>{"data":[...],"layout":{...}}</c>, which VS Code and JupyterLab draw.</summary>
    public const string Plotly = "application/vnd.plotly.v1+json";

    /// <summary>A displayed <see cref="CheckResult"/>.</summary>
    public const string Check = "application/vnd.courseware.check+json";

    /// <summary>A displayed <see cref="PredictionResult"/>.</summary>
    public const string Prediction = "application/vnd.courseware.prediction+json";
}
