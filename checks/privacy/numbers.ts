/**
 * Validators for the other numbers that identify people: mobile numbers (allocated MIIT segments)
 * and bank cards (Luhn, ISO/IEC 7812-1). Shared by page and attachment checks.
 */

/**
 * Mobile 网号 allocated by MIIT (我国公众移动通信网网号及H0分配情况, as of 2023-03), as 3- or 4-digit
 * prefixes. Not allocated then: 140–144 (13-digit IoT), 154, 160, 161 (but 1619), 163, 164, 168,
 * 169, 179, 194. Re-check yearly.
 */
const MOBILE_PREFIXES = new Set([
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '145', '146', '147', '148', '149',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '162', '165', '166', '167', '1619',
  '170', '171', '172', '173', '1740', '1741', '1749', '175', '176', '177', '178',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
  '190', '191', '192', '193', '195', '196', '197', '198', '199',
]);

/** True for an 11-digit number in an allocated mobile segment. */
export function isAllocatedMobile(digits: string): boolean {
  if (!/^1\d{10}$/.test(digits)) return false;
  return MOBILE_PREFIXES.has(digits.slice(0, 3)) || MOBILE_PREFIXES.has(digits.slice(0, 4));
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** UnionPay BINs (62, and the newer 81) are what Chinese cards carry; others need context. */
export function isUnionPay(digits: string): boolean {
  return digits.startsWith('62') || digits.startsWith('81');
}
