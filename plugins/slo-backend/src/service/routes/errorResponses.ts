import express from 'express';

/**
 * Answers with Backstage's error body (`error`, `request`, `response`) plus
 * `issues`, the list of every problem found, when there is one.
 */
export function sendInvalid(
  req: { method: string; originalUrl: string },
  res: { status(code: number): { json(body: unknown): unknown } },
  status: number,
  name: string,
  message: string,
  issues?: unknown[],
) {
  res.status(status).json({
    error: { name, message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: status },
    ...(issues ? { issues } : {}),
  });
}

/**
 * Parses JSON bodies up to `limit` bytes and answers 413 itself beyond that
 * (the validated router would otherwise turn every parser error into a 400).
 */
export function jsonBodyParser(limit: number): express.RequestHandler {
  const parse = express.json({ limit });
  return (req, res, next) => {
    parse(req, res, (error?: any) => {
      if (error?.type === 'entity.too.large') {
        sendInvalid(
          req,
          res,
          413,
          'PayloadTooLargeError',
          `Request bodies may be at most ${limit} bytes (slo.ingestion.maxBodyBytes); split the batch`,
        );
        return;
      }
      next(error);
    });
  };
}
