// The coercions under every PowerShell parser, value by value: what ConvertTo-Json prints for one
// property (a number, its string form, a boolean, an array, an array of one, a -Depth-truncated
// string, null, nothing) and what the parsers make of it. The shapes are those of Windows PowerShell
// 5.1's ConvertTo-Json (learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACTION_BY_NUMBER,
  CATEGORY_BY_NUMBER,
  CONNECTIVITY_BY_NUMBER,
  DIRECTION_BY_NUMBER,
  PowerShellJsonError,
  asAddressList,
  asEnum,
  asGpoBoolean,
  asNumber,
  asPortList,
  asProfiles,
  asRuleEnabled,
  asString,
  asStringList,
  isObject,
  parsePowerShellJsonList,
} from '../../../client/src/host/powershellJson';

describe('parsePowerShellJsonList', () => {
  it('reads nothing, one object, an array, and 5.1\'s {"value": [...], "Count": n} wrapper as a list of objects', () => {
    assert.deepEqual(parsePowerShellJsonList(''), []);
    assert.deepEqual(parsePowerShellJsonList(' \r\n\t'), []);
    assert.deepEqual(parsePowerShellJsonList('{"A":1}'), [{ A: 1 }]);
    assert.deepEqual(parsePowerShellJsonList('\uFEFF[{"A":1},{"A":2}]\r\n'), [{ A: 1 }, { A: 2 }]);
    assert.deepEqual(parsePowerShellJsonList('{"value":[{"A":1}],"Count":1}'), [{ A: 1 }]);
    // Not the wrapper: a real object that has a `value` array but no numeric Count, or a Count but no array.
    assert.deepEqual(parsePowerShellJsonList('{"value":[1],"Count":"1"}'), [{ value: [1], Count: '1' }]);
    assert.deepEqual(parsePowerShellJsonList('{"value":"x","Count":1}'), [{ value: 'x', Count: 1 }]);
    // Scalars and nulls in an array are not objects.
    assert.deepEqual(parsePowerShellJsonList('[1,"a",null,[2],{"A":3}]'), [{ A: 3 }]);
    assert.deepEqual(parsePowerShellJsonList('null'), []);
    assert.deepEqual(parsePowerShellJsonList('"text"'), []);
  });

  it('says what PowerShell printed instead of JSON (the first 120 characters)', () => {
    const printed = `\uFEFFGet-NetFirewallRule : Access is denied. ${'x'.repeat(200)}`;
    assert.throws(
      () => parsePowerShellJsonList(printed),
      (error: Error) =>
        error instanceof PowerShellJsonError &&
        error.name === 'PowerShellJsonError' &&
        error.message.startsWith('PowerShell did not print JSON: ') &&
        error.message.endsWith(`: ${printed.slice(1, 121)}`),
    );
  });
});

describe('property values', () => {
  it('isObject: only plain objects', () => {
    assert.deepEqual([{}, { a: 1 }, [], null, undefined, 'x', 1, true].map(isObject), [
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('asString and asNumber', () => {
    assert.deepEqual(['a', '', 5, 0, true, false, null, undefined, {}, ['a']].map(asString), [
      'a',
      '',
      '5',
      '0',
      'true',
      'false',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    assert.deepEqual(
      [8080, -1, 0, Infinity, NaN, ' 42 ', '-7', '4.5', '1e3', '12abc', 'abc12', '', true, null].map(asNumber),
      [
        8080,
        -1,
        0,
        undefined,
        undefined,
        42,
        -7,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ],
    );
  });

  it('asStringList, asPortList, asAddressList: arrays, arrays of one, -Depth strings, nothing', () => {
    assert.deepEqual(asStringList(['a', 1, null, true, {}]), ['a', '1', 'true']);
    assert.deepEqual(asStringList('one'), ['one']);
    assert.deepEqual(asStringList(null), []);
    assert.deepEqual(asPortList(['80', '8000-8100']), ['80', '8000-8100']);
    assert.deepEqual(asPortList('8000-8100 9000'), ['8000-8100', '9000']);
    assert.deepEqual(asPortList(' 80,443  RPC-EPMap\t, '), ['80', '443', 'RPC-EPMap']);
    assert.deepEqual(asPortList(3389), ['3389']);
    assert.deepEqual(asPortList(''), []);
    assert.deepEqual(asPortList(undefined), []);
    assert.deepEqual(asAddressList('LocalSubnet 10.0.0.0/8'), ['LocalSubnet', '10.0.0.0/8']);
    assert.deepEqual(asAddressList(undefined), ['Any']);
    assert.deepEqual(asAddressList([]), ['Any']);
  });

  it('asEnum: numbers, their string form, names in any case; anything else is unknown', () => {
    assert.equal(asEnum(2, ACTION_BY_NUMBER), 'Allow');
    assert.equal(asEnum(' 4 ', ACTION_BY_NUMBER), 'Block');
    assert.equal(asEnum('allowbypass', ACTION_BY_NUMBER), 'AllowBypass');
    assert.equal(asEnum(' NotConfigured ', ACTION_BY_NUMBER), 'NotConfigured');
    assert.equal(asEnum(0, ACTION_BY_NUMBER), 'NotConfigured');
    assert.equal(asEnum(1, ACTION_BY_NUMBER), undefined);
    assert.equal(asEnum('12', ACTION_BY_NUMBER), undefined);
    assert.equal(asEnum('2x', ACTION_BY_NUMBER), undefined);
    assert.equal(asEnum('-2', ACTION_BY_NUMBER), undefined);
    assert.equal(asEnum(true, ACTION_BY_NUMBER), undefined);
    assert.equal(asEnum(null, ACTION_BY_NUMBER), undefined);
  });

  it("the enum tables are the CIM classes' numbers", () => {
    assert.deepEqual(ACTION_BY_NUMBER, { 0: 'NotConfigured', 2: 'Allow', 3: 'AllowBypass', 4: 'Block' });
    assert.deepEqual(DIRECTION_BY_NUMBER, { 1: 'Inbound', 2: 'Outbound' });
    assert.deepEqual(CATEGORY_BY_NUMBER, { 0: 'Public', 1: 'Private', 2: 'DomainAuthenticated' });
    assert.deepEqual(CONNECTIVITY_BY_NUMBER, {
      0: 'Disconnected',
      1: 'NoTraffic',
      2: 'Subnet',
      3: 'LocalNetwork',
      4: 'Internet',
    });
  });

  it('asRuleEnabled: True is 1 and False is 2 (not 0)', () => {
    assert.deepEqual(
      [true, false, 1, 2, 0, 'True', ' true ', '1', 'False', '2', 'yes', null, undefined].map(asRuleEnabled),
      [true, false, true, false, false, true, true, true, false, false, false, false, false],
    );
  });

  it('asGpoBoolean: 0, 1, and NotConfigured (2) as "the default applies"', () => {
    assert.deepEqual(
      [true, false, 1, 0, 2, 'True', ' FALSE ', '1', '0', 'NotConfigured', null, undefined].map(asGpoBoolean),
      [true, false, true, false, undefined, true, false, true, false, undefined, undefined, undefined],
    );
  });

  it('asProfiles: flags, Any, names, lists, NotApplicable', () => {
    assert.deepEqual(asProfiles(undefined), ['Domain', 'Private', 'Public']);
    assert.deepEqual(asProfiles(null), ['Domain', 'Private', 'Public']);
    assert.deepEqual(asProfiles(0), ['Domain', 'Private', 'Public']);
    assert.deepEqual(asProfiles(2), ['Private']);
    assert.deepEqual(asProfiles(5), ['Domain', 'Public']);
    assert.deepEqual(asProfiles(65535), []);
    assert.deepEqual(asProfiles('6'), ['Private', 'Public']);
    assert.deepEqual(asProfiles('Any'), ['Domain', 'Private', 'Public']);
    assert.deepEqual(asProfiles('Private, Public'), ['Private', 'Public']);
    assert.deepEqual(asProfiles(['public', ' DOMAIN ']), ['Domain', 'Public']);
    assert.deepEqual(asProfiles(' , '), []);
    assert.deepEqual(asProfiles('2, Public'), ['Public']);
  });
});
