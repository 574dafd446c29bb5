// Container health check: the server is healthy when /readyz answers 200.
const port = process.env.HQDB__SERVICE__HTTP_PORT ?? '6333';
try {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2500) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
