using System.Text.Json.Nodes;

namespace Courseware.Cli.Jupyter;

/// <summary>How the kernel answers: replies on the socket a request came from, and broadcasts on iopub, all in one session.</summary>
public sealed class KernelReplies(KernelSockets sockets)
{
    public string Session { get; } = Guid.NewGuid().ToString();

    public void Reply(KernelChannel channel, JupyterMessage request, string type, JsonObject content) =>
        sockets.Send(channel, JupyterMessage.ReplyTo(request, type, content, Session));

    public void Publish(JupyterMessage? parent, string type, JsonObject content) =>
        sockets.Send(KernelChannel.Iopub, JupyterMessage.Broadcast(parent, type, content, Session));

    /// <summary>busy, idle or starting: front ends show it, and clients wait for idle to know a request's outputs are all out.</summary>
    public void Status(JupyterMessage? parent, string state) =>
        Publish(parent, "status", new JsonObject { ["execution_state"] = state });
}
