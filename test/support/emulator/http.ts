import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params, Upload } from './types.js';

/** Fields that arrive JSON-encoded when a client sends form data instead of JSON. */
const JSON_FIELDS = new Set([
  'reply_markup', 'entities', 'caption_entities', 'reply_parameters', 'allowed_updates',
  'commands', 'scope', 'link_preview_options', 'media', 'menu_button',
]);
const NUMERIC_FIELDS = new Set([
  'chat_id', 'from_chat_id', 'message_id', 'reply_to_message_id', 'user_id', 'offset', 'limit',
  'timeout', 'message_thread_id', 'max_connections', 'cache_time',
]);
const BOOLEAN_FIELDS = new Set([
  'disable_notification', 'show_alert', 'drop_pending_updates', 'protect_content',
  'allow_sending_without_reply', 'disable_content_type_detection', 'has_spoiler',
]);

/** Form values are strings; give them the types a JSON body would have had. */
function normalizeField(key: string, value: string): unknown {
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (NUMERIC_FIELDS.has(key) && /^-?\d+$/.test(value)) return Number(value);
  if (BOOLEAN_FIELDS.has(key) && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads a Bot API request: query string plus a JSON, urlencoded or multipart body.
 * Uploaded files end up in params as `Upload` objects, whether the client sent them under
 * the field name or, like grammY, as `attach://<part>` references.
 */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = {};
  for (const [k, v] of url.searchParams) params[k] = normalizeField(k, v);
  const body = await readAll(req);
  if (body.length === 0) return params;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    Object.assign(params, JSON.parse(body.toString('utf8')) as Params);
  } else if (type.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = normalizeField(k, v);
  } else if (type.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    if (!boundary) throw new Error('multipart body without boundary');
    Object.assign(params, parseMultipart(body, boundary[1] ?? boundary[2] ?? ''));
  }
  return params;
}

interface Part { name: string; fileName?: string; data: Buffer }

/**
 * A small multipart/form-data parser. Written by hand because grammY's parts are
 * terse (`content-disposition:form-data;name="x";filename=a b.docx`, unquoted filename)
 * and stricter parsers reject them.
 */
export function parseMultipart(body: Buffer, boundary: string): Params {
  const parts = splitParts(body, boundary);
  const files = new Map<string, Upload>();
  const params: Params = {};
  for (const part of parts) {
    if (part.fileName !== undefined) files.set(part.name, { fileName: part.fileName, data: part.data });
    else params[part.name] = normalizeField(part.name, part.data.toString('utf8'));
  }
  for (const [key, value] of Object.entries(params)) {
    const id = typeof value === 'string' && value.startsWith('attach://') ? value.slice('attach://'.length) : undefined;
    const file = id === undefined ? undefined : files.get(id);
    if (id !== undefined && file) {
      params[key] = file;
      files.delete(id);
    }
  }
  // Files sent directly under their field name (curl -F document=@file) rather than attach://.
  for (const [name, file] of files) if (!(name in params)) params[name] = file;
  return params;
}

function splitParts(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const contentStart = start + delimiter.length;
    if (body.subarray(contentStart, contentStart + 2).toString() === '--') break; // closing delimiter
    const next = body.indexOf(delimiter, contentStart);
    if (next === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    const raw = body.subarray(contentStart + 2, next - 2);
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const part = parsePartHeaders(raw.subarray(0, headerEnd).toString('utf8'));
      if (part) parts.push({ ...part, data: Buffer.from(raw.subarray(headerEnd + 4)) });
    }
    start = next;
  }
  return parts;
}

function parsePartHeaders(headers: string): Omit<Part, 'data'> | undefined {
  const disposition = headers.split('\r\n').find((h) => /^content-disposition\s*:/i.test(h));
  if (!disposition) return undefined;
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return undefined;
  const fileMatch = /;\s*filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(disposition);
  const fileName = fileMatch ? (fileMatch[1] ?? fileMatch[2] ?? '').trim() : undefined;
  return fileName === undefined ? { name } : { name, fileName };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Replaces uploads by `{ fileName, size }` so the call log stays small and printable. */
export function loggableParams(params: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] = isUpload(v) ? { fileName: v.fileName, size: v.data.length } : v;
  }
  return out;
}

export function isUpload(v: unknown): v is Upload {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as Upload).data) && typeof (v as Upload).fileName === 'string';
}
