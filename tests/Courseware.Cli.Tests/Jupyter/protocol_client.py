#!/usr/bin/python3
"""Drives the courseware kernel through Jupyter's own client (jupyter_client) for JupyterProtocolTests.

Usage: protocol_client.py SCENARIO. The kernelspec is found through JUPYTER_PATH (the test installs it with
--prefix). Prints one JSON object: the replies and iopub messages the scenario saw, for the test to assert."""
import json, queue, sys, time

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

TIMEOUT = 60


def iopub_until_idle(client, msg_id):
    """Every iopub message that answers msg_id, up to its idle status."""
    seen = []
    while True:
        msg = client.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append({"msg_type": msg["msg_type"], "content": msg["content"]})
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return seen


def reply_to(client, msg_id, timeout=TIMEOUT):
    """The shell reply to msg_id (wait_for_ready leaves replies to its own kernel_info requests behind)."""
    while True:
        reply = client.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def execute(client, code, **kwargs):
    msg_id = client.execute(code, **kwargs)
    reply = reply_to(client, msg_id)
    return {"reply": reply["content"], "reply_type": reply["msg_type"], "iopub": iopub_until_idle(client, msg_id)}


def interrupt(km, client, code, wait=0.5):
    """Runs code, interrupts it once it runs, and returns its reply and how long the reply took after the interrupt."""
    msg_id = client.execute(code)
    # The cell is running once its execute_input is out.
    while True:
        msg = client.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            break
    time.sleep(wait)
    started = time.monotonic()
    km.interrupt_kernel()
    reply = reply_to(client, msg_id)
    return {"reply": reply["content"], "returned_after": time.monotonic() - started, "iopub": iopub_until_idle(client, msg_id)}


def main(scenario):
    km = KernelManager(kernel_name="courseware-csharp")
    km.start_kernel()
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=TIMEOUT)
    out = {}
    try:
        if scenario == "kernel_info":
            msg_id = client.kernel_info()
            reply = reply_to(client, msg_id)
            out = {"reply": reply["content"], "reply_type": reply["msg_type"], "version": reply["header"]["version"],
                   "iopub": iopub_until_idle(client, msg_id)}
        elif scenario == "execute":
            out = execute(client, 'Console.WriteLine("hello from stdout");\n'
                                  'Console.Error.WriteLine("hello from stderr");\n'
                                  '"a display".Display();\n'
                                  '1 + 41')
        elif scenario == "error":
            out = {"failing": execute(client, 'throw new InvalidOperationException("boom");'),
                   "lab": execute(client, '#r "../build/lab/Courseware.Lab.dll"\n'
                                          'throw new Courseware.Lab.LabException("The problem.", "The fix.");'),
                   "after": execute(client, '"still alive"')}
        elif scenario == "complete":
            code = '#r "../build/lab/Courseware.Lab.dll"\nusing Courseware.Lab;\nCourseware.Lab.DockerLab docker = null;'
            setup = execute(client, code)
            line = "var ü😀 = 1; docker."
            reply = reply_to(client, client.complete(line, len(line)))
            inspect = reply_to(client, client.inspect("Console.WriteLine", 10))
            incomplete = reply_to(client, client.is_complete("if (true) {"))
            complete = reply_to(client, client.is_complete("var x = 1;"))
            comm = reply_to(client, client.comm_info())
            out = {"setup": setup["reply"], "reply": reply["content"], "reply_type": reply["msg_type"], "code_points": len(line),
                   "inspect": inspect["content"], "incomplete": incomplete["content"], "complete": complete["content"],
                   "comm": comm["content"], "comm_type": comm["msg_type"]}
        elif scenario == "interrupt":
            # A cell that waits 60 s and ignores every cancellation token.
            out = interrupt(km, client, "await Task.Delay(TimeSpan.FromSeconds(60));")
            out["next"] = execute(client, '"next cell ran"')
        elif scenario == "interrupt_docker":
            # A cell awaiting a Docker call (an exec of sleep 30) with no token of its own: the interrupt must reach the
            # library's engine call, which then ends with OperationCanceledException.
            setup = execute(client, '#r "../build/lab/Courseware.Lab.Interactive.dll"\n'
                                    'using Courseware.Lab;\nusing Courseware.Lab.Interactive;\nLabFormatters.Register();\n'
                                    'var lab = await DockerLab.ConnectAsync("kernel-interrupt-test");\n'
                                    'var box = await lab.RunAsync("busybox:stable", new RunOptions { Name = "cw-kernel-interrupt-" + Guid.NewGuid().ToString("N")[..8], Command = ["sleep", "600"] });\n'
                                    'string caught = null;')
            out = interrupt(km, client, 'try { await lab.ExecAsync(box.Name, "sleep", "30"); }\n'
                                        'catch (Exception e) { caught = e.GetType().Name + ": " + e.Message; throw; }', wait=2)
            out["setup"] = setup["reply"]
            out["library"] = execute(client, 'for (var i = 0; i < 100 && caught is null; i++) await Task.Delay(100);\ncaught')
        elif scenario == "restart":
            before = execute(client, "var remembered = 42; remembered")
            pid_before = km.provisioner.process.pid
            km.restart_kernel(now=False)
            client.wait_for_ready(timeout=TIMEOUT)
            out = {"before": before, "restarted": km.provisioner.process.pid != pid_before,
                   "after": execute(client, "remembered"), "fresh": execute(client, '"fresh"')}
        elif scenario == "update_and_abort":
            # A display updated in place, as a progress display or a live build log is.
            out["update"] = execute(client, 'var shown = Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(Microsoft.DotNet.Interactive.KernelInvocationContext.Current, "step 1 of 2", "text/plain");\n'
                                            'shown.Update("step 2 of 2");')
            # Run All: every cell sent at once; the one after a failure must be aborted, not run.
            ids = [client.execute(code) for code in ('throw new Exception("first fails");', '"must not run"', '"nor this"')]
            out["queued"] = [reply_to(client, i)["content"] for i in ids]
            out["after"] = execute(client, '"runs again"')
        elif scenario == "bad_signature":
            forged = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
            msg = forged.msg("execute_request", {"code": '"forged"', "silent": False, "store_history": True,
                                                 "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            forged.send(client.shell_channel.socket, msg)
            try:
                ignored = reply_to(client, msg["header"]["msg_id"], timeout=5)
                out["forged_reply"] = ignored["content"]
            except queue.Empty:
                out["forged_reply"] = None
            out["genuine"] = execute(client, '"genuine"')
        else:
            raise SystemExit(f"unknown scenario {scenario}")
    finally:
        client.stop_channels()
        started = time.monotonic()
        km.shutdown_kernel(now=False)
        out["shutdown_seconds"] = time.monotonic() - started
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
