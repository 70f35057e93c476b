import zlib, struct
W, H = 640, 360
bars = [(192,192,192),(192,192,0),(0,192,192),(0,192,0),(192,0,192),(192,0,0),(0,0,192)]
rows = []
for y in range(H):
    row = bytearray([0])
    for x in range(W):
        if y < H*2//3:
            r,g,b = bars[x*7//W]
        else:
            v = x*255//(W-1)
            r,g,b = (v, v, 255-v)
        row += bytes((r,g,b))
    rows.append(bytes(row))
raw = b''.join(rows)
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t+d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
import os; open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'last_frame.png'), 'wb').write(png)
print(len(png))
