/**
 * Where a lab counts as on a phone: the width at which its fields take one row each (lab.css).
 * Labs then close "More settings" and give their plots more height.
 */
export const PHONE_QUERY = '(max-width: 40rem)';
