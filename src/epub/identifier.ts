// A volume's identifier: its ISBN as urn:isbn when assigned, else a UUID derived from the series
// slug and volume number (RFC 9562 version 5), so rebuilding never mints a new book.
import { createHash } from 'node:crypto';

/** Namespace for baoban's derived volume UUIDs (a fixed random UUID; never change it). */
const NAMESPACE = 'a8d5c0f2-3b1e-4f6a-9c47-2e8b5d1f0c93';

export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface BookIdentifier {
  /** dc:identifier value */
  value: string;
  /** ONIX code list 5 for the identifier-type refinement: 15 = ISBN-13, 01 = proprietary */
  onixType: '15' | '01';
  isbn?: string;
  uuid: string;
}

export function volumeIdentifier(seriesSlug: string, number: number, isbn?: string): BookIdentifier {
  const uuid = uuidV5(`${seriesSlug}/${number}`);
  return isbn ? { value: `urn:isbn:${isbn}`, onixType: '15', isbn, uuid } : { value: `urn:uuid:${uuid}`, onixType: '01', uuid };
}
