// Child process of the benchmark: holds TCP listeners on 127.0.0.1 (ephemeral ports, loopback only).
// Messages from the parent: { open: n } opens n more and answers { listening: total };
// { close: true } closes them all and exits. Exits by itself when the parent goes away.
import net from 'node:net';

const servers = [];

async function openMore(count) {
  const batch = 200;
  for (let done = 0; done < count; done += batch) {
    const size = Math.min(batch, count - done);
    await Promise.all(
      Array.from(
        { length: size },
        () =>
          new Promise((resolve, reject) => {
            const server = net.createServer((socket) => socket.destroy());
            server.once('error', reject);
            server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
              servers.push(server);
              resolve();
            });
          }),
      ),
    );
  }
}

process.on('message', async (message) => {
  try {
    if (message.open) {
      await openMore(message.open);
      process.send({ listening: servers.length });
    } else if (message.close) {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve()))));
      process.send({ closed: true }, () => process.exit(0));
    }
  } catch (error) {
    process.send({ error: String(error && error.message ? error.message : error) });
  }
});
process.on('disconnect', () => process.exit(0));
// Safety net: never outlive a stuck benchmark.
setTimeout(() => process.exit(0), 10 * 60_000).unref();
process.send({ ready: true });
