/**
 * Cuts `text` to at most `max` characters (UTF-16 units), ending with `…`
 * when it was cut, never in the middle of a surrogate pair.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    cut = cut.slice(0, -1);
  }
  return `${cut}…`;
}
