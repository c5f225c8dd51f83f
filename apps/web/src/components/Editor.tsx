import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { Compartment, EditorState, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { cpp } from '@codemirror/lang-cpp';
import { python } from '@codemirror/lang-python';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';

function languageSupport(id: string): Extension {
  switch (id) {
    case 'c':
    case 'cpp':
      return cpp();
    case 'python':
      return python();
    case 'java':
      return java();
    case 'javascript':
      return javascript();
    default:
      return [];
  }
}

/** A line to mark for a security finding (1-based); `severe` for high and critical findings. */
export interface LineMark {
  line: number;
  severe: boolean;
}

/** One mark per line with a finding, severe if any finding on it is high or critical. */
export function findingMarks(findings: readonly { line?: number | null; severity: string }[]): LineMark[] {
  const severe = new Map<number, boolean>();
  for (const f of findings) {
    const line = f.line ?? 0;
    if (line < 1) continue;
    severe.set(line, (severe.get(line) ?? false) || f.severity === 'high' || f.severity === 'critical');
  }
  return [...severe].map(([line, isSevere]) => ({ line, severe: isSevere }));
}

const setMarkedLines = StateEffect.define<LineMark[]>();
const severeLine = Decoration.line({ class: 'cm-finding-line', attributes: { 'data-finding': 'severe' } });
const minorLine = Decoration.line({ class: 'cm-finding-line-minor', attributes: { 'data-finding': 'minor' } });

const markedLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setMarkedLines)) continue;
      const builder = new RangeSetBuilder<Decoration>();
      const marks = e.value.filter((m) => m.line >= 1 && m.line <= tr.state.doc.lines).sort((a, b) => a.line - b.line);
      for (const m of marks) {
        const line = tr.state.doc.line(m.line);
        builder.add(line.from, line.from, m.severe ? severeLine : minorLine);
      }
      deco = builder.finish();
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  '&': { fontSize: '14px', height: '100%' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-content': { padding: '8px 0' },
  '.cm-gutters': {
    backgroundColor: 'var(--c-surface-2)',
    color: 'var(--c-muted)',
    borderRight: '1px solid var(--c-border)',
  },
  '.cm-finding-line': { backgroundColor: 'rgba(220, 38, 38, 0.12)', boxShadow: 'inset 3px 0 0 var(--c-danger)' },
  '.cm-finding-line-minor': { backgroundColor: 'rgba(37, 99, 235, 0.08)', boxShadow: 'inset 3px 0 0 var(--c-info)' },
});

interface Props {
  value: string;
  onChange?: (value: string) => void;
  language: string;
  label: string;
  labelledBy?: string;
  readOnly?: boolean;
  markLines?: LineMark[];
  /** Scroll to and select this line when it changes (1-based). */
  focusLine?: { line: number; nonce: number } | null;
  minHeight?: string;
}

/** A CodeMirror 6 editor whose editable area carries the given accessible name. */
export function CodeEditor({
  value,
  onChange,
  language,
  label,
  labelledBy,
  readOnly,
  markLines,
  focusLine,
  minHeight,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const langConf = useRef(new Compartment());
  const attrConf = useRef(new Compartment());
  const roConf = useRef(new Compartment());

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          theme,
          markedLines,
          EditorView.lineWrapping,
          langConf.current.of(languageSupport(language)),
          attrConf.current.of(contentAttrs(label, labelledBy)),
          roConf.current.of(readOnlyExt(!!readOnly)),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is created once; later prop changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: langConf.current.reconfigure(languageSupport(language)) });
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({ effects: attrConf.current.reconfigure(contentAttrs(label, labelledBy)) });
  }, [label, labelledBy]);

  useEffect(() => {
    view.current?.dispatch({ effects: roConf.current.reconfigure(readOnlyExt(!!readOnly)) });
  }, [readOnly]);

  const marks = JSON.stringify(markLines ?? []);
  useEffect(() => {
    view.current?.dispatch({ effects: setMarkedLines.of(JSON.parse(marks) as LineMark[]) });
  }, [marks, value]);

  useEffect(() => {
    const v = view.current;
    if (!v || !focusLine || focusLine.line < 1 || focusLine.line > v.state.doc.lines) return;
    const line = v.state.doc.line(focusLine.line);
    v.dispatch({ selection: { anchor: line.from, head: line.to }, scrollIntoView: true });
    v.focus();
  }, [focusLine]);

  return <div className="editor" ref={host} style={minHeight ? { minHeight } : undefined} />;
}

function contentAttrs(label: string, labelledBy?: string): Extension {
  return EditorView.contentAttributes.of({
    'aria-label': label,
    ...(labelledBy ? { 'aria-describedby': labelledBy } : {}),
  });
}

function readOnlyExt(ro: boolean): Extension {
  return ro ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [];
}
