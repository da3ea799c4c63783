import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { InvokeArg } from '../../../../src-shared/ipc/contract';
import {
  HELM_PATH_MAX_LENGTH,
  LIMIT_RULES,
  helmPathProblem as sharedHelmPathProblem,
} from '../../../../src-shared/rules/settings-rules';
import type { LimitKey, LimitRule } from '../../../../src-shared/rules/settings-rules';
import type { Settings } from '../../../../src-shared/types/service-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { useApp } from '../../state/app-store';
import { Button } from '../ui/button';
import { DialogFrame, inputClass } from '../ui/dialog';

interface LimitField extends LimitRule {
  key: LimitKey;
  hint: string;
  testId: string;
}

function limitField(key: LimitKey, hint: string, testId: string): LimitField {
  return { key, hint, testId, ...LIMIT_RULES[key] };
}

// Labels and bounds come from the settings rules main's updateSettings schema uses.
export const LIMIT_FIELDS: readonly LimitField[] = [
  limitField(
    'maxConcurrentProvisions',
    'Stores being set up at the same time; the rest wait in the queue.',
    'settings-max-concurrent',
  ),
  limitField(
    'maxStoresPerContext',
    'The most stores one Kubernetes context may hold.',
    'settings-max-stores',
  ),
  limitField(
    'maxCreatesPerMinute',
    'How many new stores may be requested in one minute.',
    'settings-max-creates',
  ),
];

type Values = Record<LimitKey | 'helmPath', string>;
type Patch = InvokeArg<'updateSettings'>;

function limitProblem(raw: string, { min, max }: LimitField): string | null {
  const text = raw.trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n < min || n > max) return `Between ${min} and ${max}.`;
  if (!Number.isInteger(n)) return `A whole number between ${min} and ${max}.`;
  return null;
}

/** Empty (find helm on PATH) or what the settings rule accepts: an absolute path. */
export function helmPathProblem(raw: string): string | null {
  const path = raw.trim();
  return path === '' ? null : sharedHelmPathProblem(path);
}

function toValues(s: Settings): Values {
  return {
    maxConcurrentProvisions: String(s.maxConcurrentProvisions),
    maxStoresPerContext: String(s.maxStoresPerContext),
    maxCreatesPerMinute: String(s.maxCreatesPerMinute),
    helmPath: s.helmPath ?? '',
  };
}

/** Only what differs from the loaded settings; call with values that passed validation. */
function changes(loaded: Settings, values: Values): Patch {
  const patch: Patch = {};
  for (const f of LIMIT_FIELDS) {
    const n = Number(values[f.key].trim());
    if (n !== loaded[f.key]) patch[f.key] = n;
  }
  const helmPath = values.helmPath.trim() || null;
  if (helmPath !== loaded.helmPath) patch.helmPath = helmPath;
  return patch;
}

export function SettingsDialog(): React.JSX.Element {
  const open = useApp((s) => s.settingsOpen);
  return (
    <Dialog.Root open={open} onOpenChange={(o) => useApp.getState().setSettingsOpen(o)}>
      {open ? <SettingsForm /> : null}
    </Dialog.Root>
  );
}

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'done' };

function SettingsForm(): React.JSX.Element {
  const api = useApi();
  const ids = useId();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [values, setValues] = useState<Values | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.getSettings({}).then(
      (s) => {
        if (!live) return;
        setLoaded(s);
        setValues(toValues(s));
        setLoad({ state: 'done' });
      },
      (error: unknown) => {
        if (live) setLoad({ state: 'error', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  const problems: Partial<Record<keyof Values, string>> = {};
  if (values) {
    for (const f of LIMIT_FIELDS) {
      const p = limitProblem(values[f.key], f);
      if (p) problems[f.key] = p;
    }
    const p = helmPathProblem(values.helmPath);
    if (p) problems.helmPath = p;
  }
  const valid = Object.keys(problems).length === 0;
  const canSave = loaded !== null && values !== null && valid && !busy;

  const setValue = (key: keyof Values, value: string) => {
    setValues((v) => (v ? { ...v, [key]: value } : v));
    setServerError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSave) return;
    const patch = changes(loaded, values);
    if (Object.keys(patch).length === 0) {
      useApp.getState().setSettingsOpen(false);
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      await api.updateSettings(patch);
      useApp.getState().setSettingsOpen(false);
    } catch (error) {
      setServerError(errorMessage(error));
      setBusy(false);
    }
  };

  const errorLine = load.state === 'error' ? load.message : serverError;

  return (
    <DialogFrame title="Settings" testId="settings-dialog">
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" noValidate>
        {values === null ? (
          load.state === 'loading' ? (
            <p className="text-muted" role="status" data-testid="settings-loading">
              Loading…
            </p>
          ) : null
        ) : (
          <>
            {LIMIT_FIELDS.map((f, i) => {
              const id = `${ids}-${f.key}`;
              const problem = problems[f.key];
              return (
                <div key={f.key} className="flex flex-col gap-1">
                  <div className="flex items-center justify-between gap-3">
                    <label htmlFor={id} className="font-medium">
                      {f.label}
                    </label>
                    <div className="w-20 shrink-0">
                      <input
                        id={id}
                        data-testid={f.testId}
                        className={`${inputClass} text-right tabular-nums`}
                        type="number"
                        inputMode="numeric"
                        min={f.min}
                        max={f.max}
                        step={1}
                        value={values[f.key]}
                        autoFocus={i === 0}
                        aria-invalid={problem ? true : undefined}
                        aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
                        onChange={(e) => setValue(f.key, e.target.value)}
                      />
                    </div>
                  </div>
                  <span id={`${id}-hint`} className="text-xs text-muted">
                    {f.hint} {f.min} to {f.max}.
                  </span>
                  {problem ? (
                    <span
                      id={`${id}-error`}
                      data-testid={`${f.testId}-error`}
                      className="text-xs text-failed"
                    >
                      {problem}
                    </span>
                  ) : null}
                </div>
              );
            })}
            <div className="flex flex-col gap-1">
              <label htmlFor={`${ids}-helm`} className="font-medium">
                Helm binary
              </label>
              <input
                id={`${ids}-helm`}
                data-testid="settings-helm-path"
                className={`${inputClass} font-mono`}
                value={values.helmPath}
                placeholder="Find helm on PATH"
                autoComplete="off"
                spellCheck={false}
                maxLength={HELM_PATH_MAX_LENGTH + 20}
                aria-invalid={problems.helmPath ? true : undefined}
                aria-describedby={`${ids}-helm-hint${problems.helmPath ? ` ${ids}-helm-error` : ''}`}
                onChange={(e) => setValue('helmPath', e.target.value)}
              />
              <span id={`${ids}-helm-hint`} className="text-xs text-muted">
                Full path to the helm program. Leave it empty to find helm on PATH.
              </span>
              {problems.helmPath ? (
                <span
                  id={`${ids}-helm-error`}
                  data-testid="settings-helm-path-error"
                  className="text-xs text-failed"
                >
                  {problems.helmPath}
                </span>
              ) : null}
            </div>
          </>
        )}
        <p
          data-testid={errorLine ? 'settings-error' : undefined}
          role={errorLine ? 'alert' : undefined}
          className="min-h-5 text-failed whitespace-pre-wrap"
        >
          {errorLine}
        </p>
        <div className="flex justify-end gap-2">
          <Dialog.Close asChild>
            <Button data-testid="settings-cancel">Cancel</Button>
          </Dialog.Close>
          <Button type="submit" variant="primary" disabled={!canSave} data-testid="settings-save">
            {busy ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </DialogFrame>
  );
}
