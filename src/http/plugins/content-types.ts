// Body parsers (DECISIONS "Wire format"): JSON, urlencoded and multipart, on every method
// including DELETE; an empty body is fine; other content types bind no body fields.
import Busboy from 'busboy';
import type { App } from '../app-type.js';
import { DomainError, invalid } from '../../domain/errors.js';
import { FormBody, type UploadedFile } from '../form-tree.js';

export function registerContentTypes(app: App, bodyLimit: number): void {
  app.removeAllContentTypeParsers();

  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(invalid(`The request body is not valid JSON: ${(e as Error).message}`), undefined);
    }
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, new FormBody([...new URLSearchParams(body as string)]));
  });

  app.addContentTypeParser('multipart/form-data', (req, payload, done) => {
    const pairs: [string, string][] = [];
    const files: UploadedFile[] = [];
    let received = 0;
    let finished = false;
    const finish = (err: Error | null) => {
      if (finished) return;
      finished = true;
      done(err, err ? undefined : new FormBody(pairs, files));
    };
    // An empty body is fine with any form content type (DECISIONS), even without a boundary.
    const malformed = (e: Error) => (received === 0 ? null : invalid(`The multipart body is malformed: ${e.message}`));
    const tooLarge = (what: string) => new DomainError('PAYLOAD_TOO_LARGE', what);
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // Fastify's body limit does not reach a stream parser: enforce it here (413, never a truncated field).
      if (received > bodyLimit) finish(tooLarge('The request body is too large'));
    });
    payload.on('error', (e) => finish(e));
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: req.headers, limits: { fieldSize: bodyLimit, fields: 10_000, files: 10, fileSize: bodyLimit + 1 } });
    } catch (e) {
      payload.on('end', () => finish(malformed(e as Error)));
      payload.resume();
      return;
    }
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) finish(tooLarge(`The field "${name.slice(0, 40)}" is too large`));
      else pairs.push([name, value]);
    });
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      // A cut-off part errors the file stream: answer 400, never an uncaught exception.
      stream.on('error', (e: Error) => finish(malformed(e)));
      stream.on('limit', () => finish(tooLarge(`The file "${info.filename}" is too large`)));
      stream.on('end', () => files.push({ field, filename: info.filename, mimeType: info.mimeType, data: Buffer.concat(chunks) }));
    });
    bb.on('filesLimit', () => finish(tooLarge('Too many files in the multipart body')));
    bb.on('error', (e) => finish(malformed(e as Error)));
    bb.on('close', () => finish(null));
    payload.pipe(bb);
  });

  // Anything else (text/plain, application/octet-stream, …) binds no body fields.
  app.addContentTypeParser('*', (_req, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, undefined));
    payload.on('error', (e) => done(e, undefined));
  });
}
