// The demo shop's calendar: when customers sign up and when orders, reviews and searches happen.
// Two full years of orders, so yearly seasonality is visible twice.
import { dayFromIso } from './calendar';

export const firstSignupDay = dayFromIso('2021-01-01');
/** Original registrations stop here so re-registrations (duplicates) still fit before `lastSignupDay`. */
export const lastOriginalSignupDay = dayFromIso('2024-09-30');
export const lastSignupDay = dayFromIso('2024-11-30');
export const firstOrderDay = dayFromIso('2023-01-01');
export const lastOrderDay = dayFromIso('2024-12-31');
/** Reviews trail orders by days to weeks; searches run over the order period. */
export const lastReviewDay = dayFromIso('2025-01-31');
