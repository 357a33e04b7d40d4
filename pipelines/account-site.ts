/** A government account's runs, findings and issues are filed under a site id of its own. */
export function accountSiteId(accountId: string): string {
  return `account-${accountId}`;
}

export function isAccountSite(siteId: string): boolean {
  return siteId.startsWith('account-');
}
