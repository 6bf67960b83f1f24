// Overdue is derived (UI.md): Sent and due before today, on the tenant's calendar.
import { describe, expect, it } from 'vitest';
import { daysUntilDue, displayStatusOf, lastOverdueDueDate } from '../../src/domain/invoices/overdue.js';

describe('overdue', () => {
  // 2026-03-01 23:30 UTC is already 2 March in Moscow (UTC+3).
  const due = new Date(Date.UTC(2026, 2, 1, 23, 30));

  it('counts calendar days in the tenant time zone', () => {
    expect(daysUntilDue(due, '2026-03-01', 'UTC')).toBe(0);
    expect(daysUntilDue(due, '2026-03-01', 'Europe/Moscow')).toBe(1);
    expect(daysUntilDue(due, '2026-03-05', 'UTC')).toBe(-4);
  });

  it('is Overdue only for a Sent invoice due before today', () => {
    expect(displayStatusOf({ status: 'sent', dueDate: due }, '2026-03-02', 'UTC')).toBe('overdue');
    expect(displayStatusOf({ status: 'sent', dueDate: due }, '2026-03-02', 'Europe/Moscow')).toBe('sent'); // due today there
    expect(displayStatusOf({ status: 'sent', dueDate: due }, '2026-03-01', 'UTC')).toBe('sent');
    for (const status of ['draft', 'paid', 'rejected', 'archived'] as const) {
      expect(displayStatusOf({ status, dueDate: due }, '2027-01-01', 'UTC')).toBe(status);
    }
  });

  it('the list filter takes invoices due up to yesterday, across month and year ends', () => {
    expect(lastOverdueDueDate('2026-03-01')).toBe('2026-02-28');
    expect(lastOverdueDueDate('2028-03-01')).toBe('2028-02-29');
    expect(lastOverdueDueDate('2027-01-01')).toBe('2026-12-31');
  });
});
