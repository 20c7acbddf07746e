using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.NativeHttp;
using Docker.DotNet.Unix;

namespace Courseware.Lab;

/// <summary>
/// The engine's own response bytes for the inspect verbs. <c>docker inspect</c> prints what the engine sent, only
/// re-indented; Docker.DotNet's typed models would add fields this engine never sent (GwPriority), show defaults
/// (EnableIPv4: false) and drop fields they no longer model (20.10's top-level IPAddress). So the raw text is fetched
/// over the same transport the typed client uses: the handler is captured when the client is built.
/// </summary>
internal sealed class RawEngineApi
{
    private readonly HttpClient? _http;
    private readonly string _apiVersion;

    private RawEngineApi(HttpMessageHandler? handler, Uri? baseAddress, string apiVersion)
    {
        _http = handler is null || baseAddress is null ? null : new HttpClient(CellCancellationHandler.Wrap(handler), disposeHandler: false) { BaseAddress = baseAddress };
        _apiVersion = apiVersion;
    }

    /// <summary>The captured transport, filled in while <see cref="DockerClientBuilder.Build"/> runs.</summary>
    internal sealed class Capture
    {
        public HttpMessageHandler? Handler { get; set; }
        public Uri? BaseAddress { get; set; }

        /// <summary>Adds the capture for the endpoint's transport (unix socket or tcp); other transports keep the builder's own choice.</summary>
        public DockerClientBuilder Attach(DockerClientBuilder builder, string endpoint)
        {
            if (endpoint.StartsWith("unix://", StringComparison.Ordinal))
            {
                // The unix transport ignores the request's host: any http URI reaches the socket.
                BaseAddress = new Uri("http://localhost/");
                return builder.WithTransportOptions(new UnixSocketTransportOptions { ConfigureHandler = h => Handler = h });
            }
            if (endpoint.StartsWith("tcp://", StringComparison.Ordinal) || endpoint.StartsWith("http://", StringComparison.Ordinal))
            {
                BaseAddress = new UriBuilder(endpoint) { Scheme = "http" }.Uri;
                return builder.WithTransportOptions(new NativeHttpTransportOptions { ConfigureHandler = h => Handler = h });
            }
            return builder;
        }

        public RawEngineApi ToApi(string apiVersion) => new(Handler, BaseAddress, apiVersion);
    }

    /// <summary>False where the transport was not captured (a named pipe, a TLS context): the typed model is all there is.</summary>
    public bool Available => _http is not null;

    /// <summary>GET /vAPI/PATH as the engine answered it; null for 404 or when no raw transport is available.</summary>
    public async Task<string?> GetAsync(string path, CancellationToken cancellationToken)
    {
        if (_http is null) return null;
        using var response = await _http.GetAsync($"v{_apiVersion}/{path}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What <c>docker inspect</c> prints for one object: the engine's JSON inside [ ], indented by four spaces the way
    /// Go's json.Indent does it (tokens copied as they are: no escaping, number or field-order changes).
    /// </summary>
    public static string AsCliInspect(string engineJson) => Indent("[" + engineJson + "]");

    internal static string Indent(string json, string indent = "    ")
    {
        var sb = new StringBuilder(json.Length * 2);
        var depth = 0;
        var inString = false;
        var escaped = false;
        var openPending = false; // just wrote { or [: the next token decides between {} and a new line
        void NewLine() { sb.Append('\n'); for (var i = 0; i < depth; i++) sb.Append(indent); }
        foreach (var c in json)
        {
            if (inString)
            {
                sb.Append(c);
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            if (c is ' ' or '\t' or '\n' or '\r') continue;
            if (openPending)
            {
                openPending = false;
                if (c is '}' or ']') { depth--; sb.Append(c); continue; }
                NewLine();
            }
            switch (c)
            {
                case '"': inString = true; sb.Append(c); break;
                case '{' or '[': sb.Append(c); depth++; openPending = true; break;
                case '}' or ']': depth--; NewLine(); sb.Append(c); break;
                case ',': sb.Append(c); NewLine(); break;
                case ':': sb.Append(": "); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
