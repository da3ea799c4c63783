import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import {
  WORDPRESS_IMAGE_TAG_EXAMPLE,
  isWordpressImageTag,
  WORDPRESS_IMAGE_TAG_PROBLEM,
} from '../../../../src-shared/rules/image-tag-rule';
import {
  MEMORY_LIMIT_EXAMPLE,
  MEMORY_LIMIT_PROBLEM,
  isMemoryLimit,
} from '../../../../src-shared/rules/memory-limit-rule';
import {
  WOOCOMMERCE_VERSION_EXAMPLE,
  WOOCOMMERCE_VERSION_PROBLEM,
  isWoocommerceVersion,
} from '../../../../src-shared/rules/woocommerce-version-rule';
import type { UpgradeInput } from '../../../../src-shared/types/service-types';
import type { StoreKind } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { Button } from '../ui/button';
import { inputClass } from '../ui/dialog';

interface Field {
  key: 'wordpressImageTag' | 'woocommerceVersion' | 'memoryLimit';
  label: string;
  placeholder: string;
  accepts: (value: string) => boolean;
  problem: string;
}

// The same rules main applies (src-shared/rules); main still decides whether the values exist.
const FIELDS: Field[] = [
  {
    key: 'wordpressImageTag',
    label: 'WordPress image tag',
    placeholder: WORDPRESS_IMAGE_TAG_EXAMPLE,
    accepts: isWordpressImageTag,
    problem: WORDPRESS_IMAGE_TAG_PROBLEM,
  },
  {
    key: 'woocommerceVersion',
    label: 'WooCommerce version',
    placeholder: WOOCOMMERCE_VERSION_EXAMPLE,
    accepts: isWoocommerceVersion,
    problem: WOOCOMMERCE_VERSION_PROBLEM,
  },
  {
    key: 'memoryLimit',
    label: 'Memory limit',
    placeholder: MEMORY_LIMIT_EXAMPLE,
    accepts: isMemoryLimit,
    problem: MEMORY_LIMIT_PROBLEM,
  },
];

// A Medusa store has no WordPress image nor WooCommerce version: only its memory limit changes.
const WOOCOMMERCE_ONLY = new Set<Field['key']>(['wordpressImageTag', 'woocommerceVersion']);

type Key = Field['key'];
type Values = Record<Key, string>;

/**
 * Each field starts at the store's current value when Storefleet knows it, and only values that
 * differ from it are sent. Each field is checked as it is typed, with the rule main applies.
 */
export function UpgradeForm({
  storeId,
  kind = 'woocommerce',
  current,
  disabled,
  onDone,
}: {
  storeId: string;
  kind?: StoreKind;
  /** the store's values as recorded; a missing one is the chart's default */
  current: Partial<Record<Key, string | undefined>>;
  disabled: boolean;
  onDone: () => void;
}): React.JSX.Element {
  const api = useApi();
  const id = useId();
  const fields = kind === 'medusa' ? FIELDS.filter((f) => !WOOCOMMERCE_ONLY.has(f.key)) : FIELDS;
  const initial: Values = {
    wordpressImageTag: current.wordpressImageTag ?? '',
    woocommerceVersion: current.woocommerceVersion ?? '',
    memoryLimit: current.memoryLimit ?? '',
  };
  const [values, setValues] = useState<Values>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = fields.filter((f) => values[f.key] !== initial[f.key] && values[f.key] !== '');
  const problems = changed.filter((f) => !f.accepts(values[f.key]));
  const canSubmit = !disabled && !busy && changed.length > 0 && problems.length === 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    const input: UpgradeInput = { storeId };
    for (const f of changed) input[f.key] = values[f.key];
    setBusy(true);
    setError(null);
    try {
      await api.upgradeStore(input);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="flex flex-col gap-2"
      noValidate
      aria-label="Upgrade"
      data-testid="upgrade-form"
    >
      <p className="text-xs text-muted">
        Change the values to upgrade to; the others stay as they are.
      </p>
      {fields.map((f) => {
        const bad = problems.includes(f);
        const inputId = `${id}-${f.key}`;
        const hintId = `${inputId}-hint`;
        return (
          <div key={f.key} className="grid grid-cols-[9rem_1fr] items-center gap-x-2 gap-y-0.5">
            <label htmlFor={inputId}>{f.label}</label>
            <input
              id={inputId}
              data-testid={`upgrade-${f.key}`}
              className={`${inputClass} font-mono`}
              placeholder={f.placeholder}
              value={values[f.key]}
              aria-invalid={bad || undefined}
              aria-describedby={hintId}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value.trim() }))}
            />
            <span
              id={hintId}
              data-testid={`upgrade-${f.key}-hint`}
              className={`col-start-2 text-xs ${bad ? 'text-failed' : 'text-muted'}`}
            >
              {bad
                ? f.problem
                : initial[f.key]
                  ? `Now ${initial[f.key]}.`
                  : 'Now the chart’s default.'}
            </span>
          </div>
        );
      })}
      {error ? (
        <p role="alert" className="whitespace-pre-wrap text-failed">
          {error}
        </p>
      ) : null}
      <Button
        type="submit"
        variant="primary"
        disabled={!canSubmit}
        className="self-end"
        data-testid="upgrade-submit"
      >
        {busy ? 'Upgrading…' : 'Upgrade'}
      </Button>
    </form>
  );
}
