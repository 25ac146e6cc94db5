// The reference: a bare node:http hello world, no framework, no headers, no logging.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3999);
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('Hello, world!');
  })
  .listen(port, '127.0.0.1');
