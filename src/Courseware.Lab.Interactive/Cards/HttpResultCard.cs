using static Courseware.Lab.Interactive.Html;

namespace Courseware.Lab.Interactive;

/// <summary>An HTTP response the way a browser would show it: status, a few headers, and the page itself.</summary>
internal static class HttpResultCard
{
    private static readonly string[] KeyHeaders = ["Content-Type", "Content-Length", "Server", "Location", "Last-Modified", "Date"];
    private const int TextPreviewChars = 4000;

    public static string ToHtml(HttpResult r)
    {
        var tone = r.StatusCode switch
        {
            >= 200 and < 300 => "ok",
            >= 300 and < 400 => "info",
            >= 400 and < 500 => "warn",
            _ => "bad",
        };
        var status = $"<div class=\"cw-title\"><span class=\"cw-{tone}\">HTTP {r.StatusCode} {E(r.ReasonPhrase)}</span> " +
                     $"<span class=\"cw-muted\">GET</span> {Code(r.Url)} <span class=\"cw-muted\">{r.Elapsed.TotalMilliseconds:0} ms</span></div>";
        var headers = KeyValues(KeyHeaders
            .Select(h => (h, r.Headers.FirstOrDefault(kv => string.Equals(kv.Key, h, StringComparison.OrdinalIgnoreCase)).Value))
            .Where(h => h.Value is not null)
            .Select(h => (h.h, (string?)E(h.Value))));
        var title = r.Title is { } t ? $"<div><span class=\"cw-label\">Page title</span>{E(t)}</div>" : "";
        return Root($"<div class=\"cw-card\">{status}{headers}{title}{Preview(r)}</div>");
    }

    private static string Preview(HttpResult r)
    {
        if (r.Body.Length == 0) return "<div class=\"cw-muted\">(empty body)</div>";
        if (!LooksLikeHtml(r)) return Pre(r.Body.Length > TextPreviewChars ? r.Body[..TextPreviewChars] + "\n…" : r.Body);
        // An empty sandbox attribute: no scripts, no forms, no same-origin access to the notebook. The CSP lets the page
        // load its own images and styles from the container it came from and nothing from anywhere else.
        return $"<iframe class=\"cw-frame\" sandbox=\"\" referrerpolicy=\"no-referrer\" title=\"{E("Preview of " + r.Url)}\" srcdoc=\"{E(SrcDoc(r))}\"></iframe>";
    }

    internal static string SrcDoc(HttpResult r)
    {
        // CSP host sources cannot name an IPv6 literal ([::1]): such a page previews without its own images and styles.
        var origin = Uri.TryCreate(r.Url, UriKind.Absolute, out var uri) && uri.HostNameType != UriHostNameType.IPv6 ? uri.GetLeftPart(UriPartial.Authority) : null;
        var allowed = origin is null ? "" : " " + origin;
        var head = $"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:{allowed}; style-src 'unsafe-inline'{allowed}; font-src{allowed} data:\">" +
                   (uri is null ? "" : $"<base href=\"{E(uri.ToString())}\">");
        return head + r.Body;
    }

    private static bool LooksLikeHtml(HttpResult r) =>
        r.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true ||
        (r.ContentType is null && r.Body.TrimStart().StartsWith('<'));
}
