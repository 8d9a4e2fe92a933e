/** Where rule pages live; the one place the docs address is written (URLs are derived from rule ids). */
export const HOME_URL = 'https://github.com/harden-dev/harden';
export const DOCS_BASE_URL = `${HOME_URL}/blob/main/docs/rules/`;

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
