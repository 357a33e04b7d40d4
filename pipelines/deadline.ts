/**
 * The promise's answer, or the error `late` makes once `ms` have passed without one: for what has
 * no timeout of its own (an OCR engine, a page's script in Chromium, a Redis that never answers).
 * The timer is cleared either way, so a settled answer leaves nothing behind.
 */
export function beforeDeadline<T>(p: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}
