import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultSettings, fixAll, lint, type Finding } from '../../server/src/engine';

// ONBUILD triggers and files without FROM are linted as hadolint lints them: the trigger like the instruction it
// wraps (ranges inside the ONBUILD line), a FROM-less file as one implicit stage.
const at = (fs: Finding[], id: string) =>
  fs.filter((f) => f.ruleId === id).map((f) => `${f.range.start.line}:${f.range.start.character}`);
const lintText = (text: string) => lint({ uri: 'file:///w/Dockerfile', text }, defaultSettings()).findings;

describe('ONBUILD triggers', () => {
  const text = 'FROM debian:12-slim\nONBUILD RUN apt-get install python3\nUSER 10001\n';

  test('package rules read the trigger, with ranges inside the ONBUILD line', () => {
    const fs = lintText(text);
    assert.deepEqual(at(fs, 'pin-os-packages'), ['1:28']);
    assert.deepEqual(at(fs, 'package-install-yes'), ['1:12']);
    assert.deepEqual(at(fs, 'apt-no-install-recommends'), ['1:20']);
  });

  test('fixes edit the ONBUILD line and keep ONBUILD', () => {
    const fixed = fixAll({ uri: 'file:///w/Dockerfile', text }, defaultSettings()).text;
    assert.match(fixed, /^ONBUILD RUN apt-get install -y python3$/m);
  });

  test('a trigger does not install packages in this image', () => {
    const fs = lintText('FROM debian:12-slim\nONBUILD RUN apt-get install -y gcc\nUSER 10001\n');
    assert.deepEqual(at(fs, 'build-tools-in-final-stage'), []);
  });
});

describe('files without FROM', () => {
  test('checked as one stage, and the missing FROM reported once', () => {
    const fs = lintText('RUN apt-get update && apt-get install -y curl\nRUN pip install flask\n');
    assert.deepEqual(at(fs, 'instruction-before-from'), ['0:0']);
    assert.deepEqual(at(fs, 'pin-os-packages'), ['0:41']);
    assert.deepEqual(at(fs, 'pin-language-packages'), ['1:16']);
    // Nothing about the image itself: there is none yet.
    for (const id of ['no-root-user', 'missing-healthcheck', 'base-image-tag', 'minimal-base-image'])
      assert.deepEqual(at(fs, id), [], id);
  });
});
