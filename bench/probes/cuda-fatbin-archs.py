#!/usr/bin/env python3
"""Lists the GPU code a CUDA library carries: every entry of its .nv_fatbin ELF section, by kind (ELF = machine code
for one compute capability, PTX = code the driver can compile for newer GPUs) and compute capability.

Usage: unzip -o nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64-cudnn.jar '*/libnd4jcuda.so' && \
       python3 bench/probes/cuda-fatbin-archs.py org/nd4j/linalg/jcublas/bindings/linux-x86_64-cudnn/libnd4jcuda.so
Prints lines like "ELF sm_37: 239 entries" (one per compiled translation unit). Reads the fatbin headers only (magic
0xBA55ED50; each entry's kind at offset 0, header size at 4, payload size at 8, compute capability at 28), without
the CUDA toolkit.
"""
import collections
import mmap
import struct
import sys

FATBIN_MAGIC = 0xBA55ED50
KINDS = {1: "PTX", 2: "ELF"}


def sections(m):
    shoff = struct.unpack_from("<Q", m, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", m, 0x3A)
    header = lambda i: struct.unpack_from("<IIQQQQIIQQ", m, shoff + i * shentsize)
    names = header(shstrndx)[4]
    found = {}
    for i in range(shnum):
        h = header(i)
        found[m[names + h[0]:m.find(b"\0", names + h[0])].decode()] = (h[4], h[5])
    return found


def main(path):
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        off, size = sections(m)[".nv_fatbin"]
        counts = collections.Counter()
        p, end = off, off + size
        while p < end:
            magic, _, header_size, fat_size = struct.unpack_from("<IHHQ", m, p)
            if magic != FATBIN_MAGIC:
                p += 8  # fatbins are 8-byte aligned within the section
                continue
            q, stop = p + header_size, p + header_size + fat_size
            while q < stop:
                kind, _, entry_header, payload = struct.unpack_from("<HHII", m, q)
                sm = struct.unpack_from("<I", m, q + 28)[0]
                counts[(KINDS.get(kind, str(kind)), sm)] += 1
                q += entry_header + payload
            p = stop
    for (kind, sm), n in sorted(counts.items()):
        print(f"{kind} sm_{sm}: {n} entries")
    if not any(kind == "PTX" for kind, _ in counts):
        print("no PTX: GPUs newer than the highest sm above run only if they can run its machine code")


if __name__ == "__main__":
    main(sys.argv[1])
