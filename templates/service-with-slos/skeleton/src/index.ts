import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const serviceName = '${{ values.name }}';
const port = Number(process.env.PORT ?? 8080);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/health') {
    sendJson(res, 200, { status: 'ok', service: serviceName });
    return;
  }
  if (req.method === 'GET' && path === '/') {
    sendJson(res, 200, { message: `Hello from ${serviceName}` });
    return;
  }
  sendJson(res, 404, { error: `No route for ${req.method} ${path}` });
}

const server = createServer(handle);

server.listen(port, () => {
  console.log(`${serviceName} listening on http://localhost:${port}`);
});

function shutdown(): void {
  server.close(() => process.exit(0));
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
