/**
 * Small labelled form fields for the lab controls. Every field has a visible <label> bound to its
 * input, so its accessible name is the label text (docs/design.md lists the names). A field may
 * carry a short hint (what an extreme value will do), shown under it and tied to it by
 * aria-describedby.
 */
import { useId, useState } from 'react';
import './fields.css';

/**
 * `values` with `value` added when the list lacks it (a shared link may carry any value the
 * engine accepts, e.g. width 100): a numeric value goes where it sorts, in the list's own order
 * (ascending or descending), so the select shows the real value among its neighbours.
 */
export function optionsWith<T extends string | number>(
  values: readonly T[],
  value: T,
): readonly T[] {
  if (values.includes(value)) return values;
  if (typeof value !== 'number' || !values.every((v) => typeof v === 'number'))
    return [...values, value];
  const nums = values as readonly number[];
  const descending = nums.length > 1 && nums[0]! > nums[nums.length - 1]!;
  const at = nums.findIndex((v) => (descending ? v < value : v > value));
  return at < 0 ? [...values, value] : [...values.slice(0, at), value, ...values.slice(at)];
}

/** The hint line under a field; `id` is what the control's aria-describedby names. */
function Hint({ id, text, note = false }: { id: string; text: string; note?: boolean }) {
  // A note explains a state (muted); a hint warns about a value (in the warning colour).
  return (
    <p id={id} className={note ? 'lab-note' : 'lab-hint'}>
      {text}
    </p>
  );
}

/**
 * The longest option that half a row holds: a lab's fieldset on a 375 px phone gives each of its
 * two columns a 137 px select, of which the arrow and padding take about 28 px.
 */
const HALF_ROW_CHARS = 14;

/** A select over `values`; a value outside the list (from a shared link) is shown too. */
export function SelectField<T extends string | number>(props: {
  label: string;
  value: T;
  values: readonly T[];
  format?: (v: T) => string;
  onChange: (v: T) => void;
  disabled?: boolean;
  /** A warning about the selected value, or null. */
  hint?: string | null;
  /** Why the field is as it is (e.g. why it is disabled), or null. */
  note?: string | null;
  /** Takes a whole row of its grid (it does anyway when an option is long or a hint shows). */
  wide?: boolean;
}) {
  const id = useId();
  const { label, value, format = String, onChange, disabled, hint, note } = props;
  const describedBy = [hint ? `${id}-hint` : '', note ? `${id}-note` : ''].filter(Boolean);
  const values = optionsWith(props.values, value);
  // A hint or note is a sentence: in half a row it would wrap at every other word. A long option
  // ("Original (post-activation)", "SGD with momentum") would be cut in half a row of a phone.
  const wide =
    props.wide ||
    Boolean(hint) ||
    Boolean(note) ||
    values.some((v) => format(v).length > HALF_ROW_CHARS);
  return (
    <div className={wide ? 'lab-field lab-field-wide' : 'lab-field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        aria-describedby={describedBy.length ? describedBy.join(' ') : undefined}
        onChange={(e) => {
          const v = values.find((x) => String(x) === e.target.value);
          if (v !== undefined) onChange(v);
        }}
      >
        {values.map((v) => (
          <option key={String(v)} value={String(v)}>
            {format(v)}
          </option>
        ))}
      </select>
      {hint ? <Hint id={`${id}-hint`} text={hint} /> : null}
      {note ? <Hint id={`${id}-note`} text={note} note /> : null}
    </div>
  );
}

/** A checkbox with its label to the right. */
export function CheckField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** Neither on nor off (some of a net's shortcuts cut): shown as a dash, read as "mixed". */
  mixed?: boolean;
}) {
  const id = useId();
  const { mixed = false } = props;
  return (
    <div className="lab-field lab-check">
      <input
        id={id}
        type="checkbox"
        ref={(el) => {
          if (el) el.indeterminate = mixed;
        }}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** A range slider with its value printed next to it. */
export function RangeField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  unit: string;
  onChange: (v: number) => void;
  /** A warning about the chosen value, or null. */
  hint?: string | null;
}) {
  const id = useId();
  const text = `${props.value} ${props.unit}`;
  return (
    <div className="lab-field lab-range">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="range"
        min={props.min}
        max={props.max}
        step={1}
        value={props.value}
        aria-valuetext={text}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
      <output htmlFor={id}>{text}</output>
      {props.hint ? <Hint id={`${id}-hint`} text={props.hint} /> : null}
    </div>
  );
}

/** An integer field that accepts a value only when it is valid; the typed text stays editable. */
export function IntField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (v: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  // Follow outside changes (a preset, a link) without an effect: adjust state during render.
  const [shownValue, setShownValue] = useState(props.value);
  if (shownValue !== props.value) {
    setShownValue(props.value);
    setText(String(props.value));
  }
  const valid = (t: string) => /^\d+$/.test(t) && Number(t) >= props.min && Number(t) <= props.max;
  const ok = valid(text);
  return (
    <div className="lab-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        aria-invalid={!ok}
        aria-describedby={ok ? undefined : `${id}-error`}
        onChange={(e) => {
          setText(e.target.value);
          if (valid(e.target.value)) props.onChange(Number(e.target.value));
        }}
      />
      {/* Said where the reader looks, not only to screen readers; the lab keeps the last valid value. */}
      {ok ? null : (
        <Hint
          id={`${id}-error`}
          text={`Enter a whole number from ${props.min} to ${props.max}; the lab keeps ${props.value}.`}
        />
      )}
    </div>
  );
}
