'use strict';
// Builds a miniature /proc tree from the fake state's `linux.sockets`, written the way the
// kernel prints it (net/ipv4/tcp_ipv4.c, net/ipv6/tcp_ipv6.c, udp.c): addresses as raw
// 32-bit words in hex (little-endian on x86-64/arm64), ports as big-endian hex, and one
// /proc/<pid>/fd/<n> -> socket:[<inode>] symlink plus /proc/<pid>/comm per owner.
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');

const HEADERS = {
  tcp: '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  tcp6: '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  udp: '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
  udp6: '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
};

const STATES = { ESTABLISHED: 0x01, CLOSE: 0x07, LISTEN: 0x0a };

function hex(value, width) {
  return value.toString(16).toUpperCase().padStart(width, '0');
}

/** One 32-bit word from 4 network-order bytes, printed as the little-endian CPU sees it. */
function wordHex(bytes) {
  return bytes
    .slice()
    .reverse()
    .map((b) => hex(b, 2))
    .join('');
}

function ipv6Bytes(address) {
  let text = address;
  let tail = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    tail = v4[1].split('.').map(Number);
    text = text.slice(0, -v4[1].length) + '0:0';
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':').filter((g) => g !== '') : [];
  const restGroups = rest ? rest.split(':').filter((g) => g !== '') : [];
  const fill = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...Array(rest === undefined ? 0 : fill).fill('0'), ...restGroups].map((g) =>
    parseInt(g, 16),
  );
  const bytes = [];
  for (const group of groups) bytes.push((group >> 8) & 0xff, group & 0xff);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function encodeAddress(address, family) {
  if (family === 4) return wordHex(address.split('.').map(Number));
  const bytes = ipv6Bytes(address);
  let out = '';
  for (let i = 0; i < 16; i += 4) out += wordHex(bytes.slice(i, i + 4));
  return out;
}

function tableOf(socket) {
  const family = net.isIPv6(socket.address) ? 6 : 4;
  return { table: `${socket.protocol}${family === 6 ? '6' : ''}`, family };
}

function procNetText(sockets, table) {
  const lines = [HEADERS[table]];
  let slot = 0;
  for (const socket of sockets) {
    const { table: t, family } = tableOf(socket);
    if (t !== table) continue;
    const stateName = socket.state || (socket.protocol === 'tcp' ? 'LISTEN' : 'CLOSE');
    const remote = socket.remoteAddress || (family === 6 ? '::' : '0.0.0.0');
    const local = `${encodeAddress(socket.address, family)}:${hex(socket.port, 4)}`;
    const rem = `${encodeAddress(remote, family)}:${hex(socket.remotePort || 0, 4)}`;
    const uid = String(socket.uid === undefined ? 1000 : socket.uid).padStart(5, ' ');
    const inode = String(socket.inode);
    const tail = table.startsWith('udp') ? ` 2 0000000000000000 0` : ` 1 0000000000000000 100 0 0 10 0`;
    lines.push(
      `${String(slot).padStart(4, ' ')}: ${local} ${rem} ${hex(STATES[stateName] ?? 0x0a, 2)} 00000000:00000000 00:00000000 00000000 ${uid}        0 ${inode}${tail}`,
    );
    slot++;
  }
  return lines.join('\n') + '\n';
}

/**
 * (Re)creates <root>/net/{tcp,tcp6,udp,udp6} and the per-process fd/comm entries. Skipped
 * when the tree already matches the sockets (symlink creation is slow on some disks).
 */
function materializeProc(root, sockets) {
  const stamp = JSON.stringify(sockets);
  const stampFile = path.join(root, '.stamp');
  if (fs.existsSync(root) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return;
  // Build the tree beside the target and swap it in with renames, so a concurrent stand-in call
  // reading the old tree never sees a half-written one.
  const building = `${root}.building-${process.pid}-${Date.now()}`;
  fs.mkdirSync(path.join(building, 'net'), { recursive: true });
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6'])
    fs.writeFileSync(path.join(building, 'net', table), procNetText(sockets, table));
  const nextFd = new Map();
  for (const socket of sockets) {
    if (socket.pid === undefined || socket.pid === null) continue;
    const dir = path.join(building, String(socket.pid));
    if (!nextFd.has(socket.pid)) {
      fs.mkdirSync(path.join(dir, 'fd'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'comm'), `${socket.comm || 'unknown'}\n`);
      // Descriptors 0-2 point at a terminal, as in a real process.
      for (const fd of [0, 1, 2]) fs.symlinkSync('/dev/pts/0', path.join(dir, 'fd', String(fd)));
      nextFd.set(socket.pid, 3);
    }
    const fd = nextFd.get(socket.pid);
    fs.symlinkSync(`socket:[${socket.inode}]`, path.join(dir, 'fd', String(fd)));
    nextFd.set(socket.pid, fd + 1);
  }
  fs.writeFileSync(path.join(building, '.stamp'), stamp);
  const retired = `${root}.old-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(root, retired);
  } catch {
    // no previous tree
  }
  try {
    fs.renameSync(building, root);
  } catch {
    // another stand-in call swapped in its tree first; ours is identical in content
    fs.rmSync(building, { recursive: true, force: true });
  }
  fs.rmSync(retired, { recursive: true, force: true });
}

module.exports = { materializeProc, procNetText, encodeAddress };
