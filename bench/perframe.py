#!/usr/bin/env python3
"""What a server's listeners cost when its encoder writes every MP3 frame, as ffmpeg and liquidsoap do: ffmpeg -re
as the encoder (its icecast:// output writes each frame, 38 times a second), N listeners on raw sockets read by one
selector loop, and the server process's CPU from /proc over a measured spell. Reads per listener per second stand for
the server's sends (a listener that keeps up reads each send once). Cycast (this repository's Release build) or
icecast2, one at a time, on loopback; each run stops by itself.

    bench/perframe.py --server cycast|icecast [--listeners 1000] [--seconds 20] [--latency-budget-ms 90]

Not yet measured here: latency (issue 21 wants it from timestamps inside frames, in Cycast.Bench)."""

import argparse
import os
import selectors
import socket
import subprocess
import tempfile
import time

import processes

PASSWORD = "perframe-bench"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_cycast(repo, folder, port, latency_budget_ms):
    config = os.path.join(folder, "cycast.hcl")
    with open(config, "w") as out:
        out.write(f"""server {{
  host = "127.0.0.1"
  source_port = {port}
  listen_port = {port + 1}
  source_password = "{PASSWORD}"
  mount_point = "/stream"
}}
broadcaster {{ latency_budget_ms = {latency_budget_ms} }}
cluster {{
  hostname = "127.0.0.1"
  port = {free_port()}
}}
""")
    dll = os.path.join(repo, "Cycast.Node", "bin", "Release", "net10.0", "Cycast.Node.dll")
    return subprocess.Popen(["dotnet", dll, "-c", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), port, port + 1


def start_icecast(folder, port):
    # icecast2 drops root for nobody: its folder must be theirs to write.
    os.chmod(folder, 0o777)
    logs = os.path.join(folder, "log")
    os.makedirs(logs, mode=0o777)
    os.chmod(logs, 0o777)
    config = os.path.join(folder, "icecast.xml")
    with open(config, "w") as out:
        out.write(f"""<icecast>
  <limits><clients>20000</clients><sources>4</sources><queue-size>524288</queue-size><burst-size>65536</burst-size></limits>
  <authentication><source-password>{PASSWORD}</source-password><admin-user>admin</admin-user><admin-password>{PASSWORD}</admin-password></authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>{port}</port></listen-socket>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>{logs}</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
  <logging><errorlevel>1</errorlevel></logging>
  <security><chroot>0</chroot>{"<changeowner><user>nobody</user><group>nogroup</group></changeowner>" if os.geteuid() == 0 else ""}</security>
</icecast>
""")
    return subprocess.Popen(["icecast2", "-c", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), port, port


def wait_listening(port, patience=60):
    deadline = time.time() + patience
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listens on {port} after {patience} s")


def cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def drain(selector, until):
    reads = 0
    while time.time() < until:
        for key, _ in selector.select(0.1):
            try:
                if key.fileobj.recv(65536):
                    reads += 1
            except BlockingIOError:
                pass
    return reads


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", choices=["cycast", "icecast"], required=True)
    parser.add_argument("--listeners", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--latency-budget-ms", type=int, default=90, help="Cycast's broadcaster.latency_budget_ms")
    parser.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="perframe-")
    port = free_port()
    server, source_port, listen_port = (start_cycast(args.repo, folder, port, args.latency_budget_ms) if args.server == "cycast" else start_icecast(folder, port))
    encoder = None
    sockets = []
    try:
        wait_listening(listen_port)
        encoder = subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-stream_loop", "-1",
                                    "-i", os.path.join(args.repo, "music", "cycast-a440.mp3"), "-c:a", "libmp3lame", "-b:a", "128k",
                                    "-content_type", "audio/mpeg", "-f", "mp3", f"icecast://source:{PASSWORD}@127.0.0.1:{source_port}/stream"])
        time.sleep(3)  # the encoder's connection and its first seconds, before any listener
        selector = selectors.DefaultSelector()
        for _ in range(args.listeners):
            listener = socket.create_connection(("127.0.0.1", listen_port))
            listener.sendall(b"GET /stream HTTP/1.0\r\nUser-Agent: perframe-bench\r\n\r\n")
            listener.setblocking(False)
            selector.register(listener, selectors.EVENT_READ)
            sockets.append(listener)
        drain(selector, time.time() + 3)  # bursts read, every listener on live audio
        started, ticks = time.time(), cpu_ticks(server.pid)
        reads = drain(selector, started + args.seconds)
        elapsed, used = time.time() - started, (cpu_ticks(server.pid) - ticks) / os.sysconf("SC_CLK_TCK")
        label = f"cycast, latency_budget_ms {args.latency_budget_ms}" if args.server == "cycast" else "icecast2"
        print(f"{label}: {args.listeners} listeners, {args.seconds:.0f} s: server CPU {100 * used / elapsed:.1f} % of a core, "
              f"{reads / args.listeners / elapsed:.1f} reads per listener per second")
    finally:
        for listener in sockets:
            listener.close()
        if encoder is not None:
            encoder.terminate()
        processes.stop(server)


if __name__ == "__main__":
    main()
