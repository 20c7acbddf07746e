#!/usr/bin/python3
"""One cold kernel run for bench 'kernels': jupyter_client starts KERNEL (a kernelspec found through JUPYTER_PATH),
runs NOTEBOOK's code cells one after another as nbclient does, and shuts the kernel down.

Usage: kernel_first_result.py KERNEL NOTEBOOK. Prints one JSON line: milliseconds from before start_kernel to the
first cell's reply (first_result_ms: its result is in) and to the last cell's reply (notebook_ms), the kernel's peak
memory (kernel_hwm_mb: VmHWM summed over the kernel's process tree, this client not included), the cells run and any
cell that failed."""
import json, os, sys, time

import nbformat
from jupyter_client.manager import KernelManager

TIMEOUT = 300


def tree(pid):
    """pid and its descendants, from /proc (a `dotnet tool run` host starts the official kernel as its child)."""
    pids = [pid]
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    pids += tree(int(child))
        except FileNotFoundError:
            pass
    return pids


def hwm_mb(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
        except (FileNotFoundError, StopIteration):
            pass
    return total / 1024


def run(kernel_name, notebook_path):
    cells = [c.source for c in nbformat.read(notebook_path, as_version=4).cells if c.cell_type == "code" and c.source.strip()]
    started = time.monotonic()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    client = km.client()
    client.start_channels()
    first_result = None
    failures = []
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        for index, code in enumerate(cells):
            msg_id = client.execute(code, stop_on_error=False)
            while True:
                msg = client.get_iopub_msg(timeout=TIMEOUT)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    break
            while True:
                reply = client.get_shell_msg(timeout=TIMEOUT)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if first_result is None:
                first_result = time.monotonic() - started
            if reply["content"]["status"] != "ok":
                failures.append(f"cell {index + 1}: {reply['content'].get('ename')}: {reply['content'].get('evalue', '')[:200]}")
        done = time.monotonic() - started
        memory = hwm_mb(tree(km.provisioner.process.pid))
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=False)
    print(json.dumps({"first_result_ms": None if first_result is None else first_result * 1000, "notebook_ms": done * 1000, "kernel_hwm_mb": memory,
                      "cells": len(cells), "failures": failures}))


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2])
