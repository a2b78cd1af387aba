// confirm:false skips the dialogs only for our own test suite: it needs the hooks (enabled by the
// harness's WSL_NETWORK_TEST_HOOKS=1 at activation) and the random token they hand out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mayRunWithoutDialogs, readTestHooks } from '../../../client/src/cockpit/testHooks';

describe('test hooks: who may skip the dialogs', () => {
  it('are off unless the harness set WSL_NETWORK_TEST_HOOKS=1', () => {
    assert.equal(readTestHooks({}), undefined);
    assert.equal(readTestHooks({ WSL_NETWORK_TEST_HOOKS: 'true' }), undefined);
    assert.ok(readTestHooks({ WSL_NETWORK_TEST_HOOKS: '1' })?.token);
  });

  it('a command link or another extension passing confirm:false still gets the dialogs', () => {
    assert.equal(mayRunWithoutDialogs(undefined, { confirm: false }), false);
    const hooks = readTestHooks({ WSL_NETWORK_TEST_HOOKS: '1' });
    assert.equal(mayRunWithoutDialogs(hooks, { confirm: false }), false);
    assert.equal(mayRunWithoutDialogs(hooks, { confirm: false, testToken: 'guess' }), false);
    assert.equal(
      mayRunWithoutDialogs(hooks, { confirm: false, testToken: readTestHooks({ WSL_NETWORK_TEST_HOOKS: '1' })?.token }),
      false,
    );
    assert.equal(mayRunWithoutDialogs(undefined, { confirm: false, testToken: hooks?.token }), false);
  });

  it('the suite, with the token of this activation, may', () => {
    const hooks = readTestHooks({ WSL_NETWORK_TEST_HOOKS: '1' });
    assert.equal(mayRunWithoutDialogs(hooks, { confirm: false, testToken: hooks?.token }), true);
    assert.equal(mayRunWithoutDialogs(hooks, { testToken: hooks?.token }), false);
  });
});
