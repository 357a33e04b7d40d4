/** A service address fit to print (errors, manifests, logs): its password, if any, as `***`. */
export function maskedUrl(url: string, unparsable: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return unparsable;
  }
}
