import { describe, expect, it } from 'vitest';
import { AuditQuerySchema, parseIsoDateTime } from '../src/index.js';
import { accepted, rejection } from './issues.js';

describe('AuditQuerySchema', () => {
  it('fills in limit 50 and offset 0', () => {
    expect(accepted(AuditQuerySchema, {})).toEqual({ limit: 50, offset: 0 });
  });

  it('reads a query string as the server receives it', () => {
    const query = Object.fromEntries(
      new URLSearchParams(
        'contextName=production&routingKey=repo%2Fmain&action=rotateKey&from=2025-01-01T00:00:00Z&to=2025-02-01T12:30:00%2B01:00&limit=5&offset=10',
      ),
    );
    expect(accepted(AuditQuerySchema, query)).toEqual({
      contextName: 'pg:production',
      routingKey: 'repo/main',
      action: 'rotateKey',
      from: new Date('2025-01-01T00:00:00Z'),
      to: new Date('2025-02-01T11:30:00Z'),
      limit: 5,
      offset: 10,
    });
  });

  it('outputs from and to as Dates', () => {
    const { from } = accepted(AuditQuerySchema, { from: '2025-03-04T05:06:07.891Z' });
    expect(from).toBeInstanceOf(Date);
    expect(from?.toISOString()).toBe('2025-03-04T05:06:07.891Z');
  });

  it('canonicalises contextName like a scope and names the field when it is wrong', () => {
    expect(accepted(AuditQuerySchema, { contextName: 'vault:aws/prod' }).contextName).toBe(
      'vault:aws/prod',
    );
    expect(rejection(AuditQuerySchema, { contextName: 'pg:a//b' })).toMatchObject({
      field: 'contextName',
      message: expect.stringMatching(/^contextName: expected path segments/),
    });
  });

  it.each([
    ['1', 1],
    ['1000', 1000],
    ['050', 50],
    [7, 7],
  ])('accepts limit %j', (limit, expected) => {
    expect(accepted(AuditQuerySchema, { limit }).limit).toBe(expected);
  });

  it.each(['0', '1001', '-1', '1.5', 'abc', '', ' 5', '1e2', '0x10', 1.5, 0, 5000])(
    'rejects limit %j',
    (limit) => {
      expect(rejection(AuditQuerySchema, { limit })).toEqual({
        code: 'invalid_input',
        message: 'limit: expected an integer from 1 to 1000',
        field: 'limit',
      });
    },
  );

  it.each([
    ['0', 0],
    ['12345', 12345],
    [3, 3],
  ])('accepts offset %j', (offset, expected) => {
    expect(accepted(AuditQuerySchema, { offset }).offset).toBe(expected);
  });

  it.each(['-1', '2.5', 'ten', '', '99999999999999999999', -3])('rejects offset %j', (offset) => {
    expect(rejection(AuditQuerySchema, { offset })?.message).toBe(
      'offset: expected an integer >= 0',
    );
  });

  it('rejects from after to, naming from', () => {
    expect(
      rejection(AuditQuerySchema, { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }),
    ).toEqual({
      code: 'invalid_input',
      message: 'from: expected a date-time not after to',
      field: 'from',
    });
  });

  it('accepts from equal to to, or either alone', () => {
    const at = '2025-01-01T00:00:00Z';
    expect(accepted(AuditQuerySchema, { from: at, to: at }).from).toEqual(new Date(at));
    expect(accepted(AuditQuerySchema, { from: at }).to).toBeUndefined();
    expect(accepted(AuditQuerySchema, { to: at }).to).toEqual(new Date(at));
  });

  it.each(['yesterday', '2025-01-01', '2025-01-01T00:00:00', '2025-02-30T00:00:00Z', '1700000000'])(
    'rejects from %j',
    (from) => {
      expect(rejection(AuditQuerySchema, { from })).toEqual({
        code: 'invalid_input',
        message: 'from: expected an ISO 8601 date-time with a time zone, e.g. 2025-01-31T09:00:00Z',
        field: 'from',
      });
    },
  );

  it.each([
    ['rotateKey', true],
    ['secret.set', true],
    ['event_dlq.manage', true],
    ['1action', false],
    ['secret set', false],
    ['', false],
  ])('action %j valid: %s', (action, valid) => {
    const error = rejection(AuditQuerySchema, { action });
    if (valid) expect(error).toBeUndefined();
    else expect(error?.message).toMatch(/^action: expected 1-64 letters/);
  });

  it('checks routingKey length', () => {
    expect(accepted(AuditQuerySchema, { routingKey: 'r'.repeat(256) }).routingKey).toHaveLength(
      256,
    );
    expect(rejection(AuditQuerySchema, { routingKey: '' })?.message).toBe(
      'routingKey: expected 1-256 characters',
    );
    expect(rejection(AuditQuerySchema, { routingKey: 'r'.repeat(257) })?.field).toBe('routingKey');
  });

  it('refuses an unknown parameter, so that a misspelt filter is not ignored', () => {
    expect(rejection(AuditQuerySchema, { contxt: 'production' })).toEqual({
      code: 'invalid_input',
      message: 'contxt: unknown field',
      field: 'contxt',
    });
  });
});

describe('parseIsoDateTime', () => {
  it.each([
    ['2025-01-31T09:00:00Z', '2025-01-31T09:00:00.000Z'],
    ['2025-01-31T09:00Z', '2025-01-31T09:00:00.000Z'],
    ['2025-01-31T09:00:00.5Z', '2025-01-31T09:00:00.500Z'],
    ['2025-01-31T09:00:00.123456789Z', '2025-01-31T09:00:00.123Z'],
    ['2025-01-31T09:00:00+02:00', '2025-01-31T07:00:00.000Z'],
    ['2025-01-31T09:00:00-0530', '2025-01-31T14:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseIsoDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2025-01-31',
    '2025-01-31T09:00:00',
    '2025-01-31 09:00:00Z',
    '2025-02-29T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-00-10T00:00:00Z',
    '2025-01-31T24:00:00Z',
    '2025-01-31T09:60:00Z',
    '2025-01-31T09:00:60Z',
    '2025-01-31T09:00:00+24:00',
    'Fri, 31 Jan 2025 09:00:00 GMT',
  ])('refuses %s', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });
});
