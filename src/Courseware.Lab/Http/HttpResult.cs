namespace Courseware.Lab;

/// <summary>What a browser would get from a GET: status, headers and the page.</summary>
public sealed record HttpResult(string Url, int StatusCode, string ReasonPhrase, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan Elapsed)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
    public string? ContentType => Headers.TryGetValue("Content-Type", out var type) ? type : null;

    /// <summary>The page's &lt;title&gt;, if it has one.</summary>
    public string? Title
    {
        get
        {
            var match = System.Text.RegularExpressions.Regex.Match(Body, "<title>(.*?)</title>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline);
            return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value.Trim()) : null;
        }
    }

    public override string ToString() => $"GET {Url} → {StatusCode} {ReasonPhrase} ({Body.Length} bytes{(Title is null ? "" : $", \"{Title}\"")})";
}
