import { describe, expect, it } from 'vitest';
import { isEmailAddress, isPhoneNumber } from './contact.js';

describe('isEmailAddress', () => {
  it.each(['jordan@example.com', ' jordan.lee+jobs@mail.example.co.uk ', 'zoë@café.example'])('%s is one', (t) => expect(isEmailAddress(t)).toBe(true));
  it.each(['', 'jordan', 'jordan@', '@example.com', 'jordan@example', 'jo..rdan@example.com', 'jordan lee@example.com', 'a@b.c\nBcc: x@y.z'])('%j is not', (t) => expect(isEmailAddress(t)).toBe(false));
});

describe('isPhoneNumber', () => {
  it.each(['+1 212 555 0100', '(212) 555-0100', '020 7946 0958', '+44 (0)20 7946 0958', '0151.496.0123', '555-0100 ext. 12', '+49 89 1234567 x3'])('%s is one', (t) => expect(isPhoneNumber(t)).toBe(true));
  it.each(['', 'call me', '12345', '+1 212 555 0100 0100 0100', '212+555', '() 555 0100', 'tel:+12125550100', '0800 FLOWERS'])('%j is not', (t) => expect(isPhoneNumber(t)).toBe(false));
});
