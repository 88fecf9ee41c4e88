#!/usr/bin/env python3
"""The other end of an emulated serial line, for Bochs' `com1: mode=socket-client`.

Listens on a free localhost port (written to PORT_FILE), takes Bochs' connection, copies every
byte Bochs sends to OUTPUT, and once that output matches AFTER (a regular expression) types
TEXT into the line, as a person at a terminal would. Exits when Bochs closes the connection or
after TIMEOUT seconds without one.

usage: serial_peer.py PORT_FILE OUTPUT AFTER TEXT [TIMEOUT]
"""
import re
import socket
import sys


def main():
    port_file, output, after, text = sys.argv[1:5]
    timeout = float(sys.argv[5]) if len(sys.argv) > 5 else 60.0
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(timeout)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.getsockname()[1]))
    # Renamed into place so a reader never sees a half-written port number.
    import os
    os.rename(port_file + ".tmp", port_file)
    try:
        conn, _ = server.accept()
    except socket.timeout:
        return 1
    conn.settimeout(timeout)
    pattern = re.compile(after.encode())
    seen = b""
    typed = False
    with open(output, "wb") as out:
        while True:
            try:
                data = conn.recv(4096)
            except (socket.timeout, ConnectionResetError):
                break
            if not data:
                break
            out.write(data)
            out.flush()
            if not typed:
                seen += data
                if pattern.search(seen):
                    conn.sendall(text.encode().decode("unicode_escape").encode("latin-1"))
                    typed = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
