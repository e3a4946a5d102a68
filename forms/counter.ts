const formatCount = (n: number) => n.toLocaleString('nl-NL');

/** "Nog 1.990 van de 2.000 tekens over." or "35 tekens te veel.": the counter's words, on the server and in the script. */
export function charactersLeft(left: number, max: number): string {
  if (left >= 0) return `Nog ${formatCount(left)} van de ${formatCount(max)} tekens over.`;
  return `${formatCount(-left)} ${left === -1 ? 'teken' : 'tekens'} te veel. Maak de tekst korter.`;
}
