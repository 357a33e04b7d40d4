/**
 * Sizes as people read them in error messages (`1.0 GiB`, `20 MiB`). Also keeps them out of the
 * masking of long digit runs in error text, which would turn `1073741824` into `10******24`.
 */
export function sizeText(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}
