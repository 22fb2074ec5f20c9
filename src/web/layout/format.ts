/** Dates as people in China read them: the UTC instants the store keeps, shown in UTC+8. */
export function chinaDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function chinaDay(iso: string): string {
  return chinaDateTime(iso).slice(0, 10);
}
