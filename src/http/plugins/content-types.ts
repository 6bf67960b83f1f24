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
    // An empty body is fine with any form content type (DECISIONS), even without a boundary.
    let received = 0;
    payload.on('data', (chunk: Buffer) => { received += chunk.length; });
    const malformed = (e: Error) => (received === 0 ? null : invalid(`The multipart body is malformed: ${e.message}`));
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: req.headers, limits: { fieldSize: bodyLimit, fields: 10_000, files: 10, fileSize: bodyLimit + 1 } });
    } catch (e) {
      payload.on('end', () => { const err = malformed(e as Error); done(err, err ? undefined : new FormBody([])); });
      payload.on('error', (err) => done(err, undefined));
      payload.resume();
      return;
    }
    const pairs: [string, string][] = [];
    const files: UploadedFile[] = [];
    let finished = false;
    const finish = (err: Error | null) => {
      if (finished) return;
      finished = true;
      done(err, err ? undefined : new FormBody(pairs, files));
    };
    bb.on('field', (name, value) => pairs.push([name, value]));
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => finish(new DomainError('PAYLOAD_TOO_LARGE', `The file "${info.filename}" is too large`)));
      stream.on('end', () => files.push({ field, filename: info.filename, mimeType: info.mimeType, data: Buffer.concat(chunks) }));
    });
    bb.on('filesLimit', () => finish(new DomainError('PAYLOAD_TOO_LARGE', 'Too many files in the multipart body')));
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
