// Drools DRL for CodeMirror 6. No DRL mode exists anywhere, so this one is a simple mode: the
// DRL keywords, rule names and strings, Java-like numbers and comments. Used by the rule editor
// and the diff view.
import { StreamLanguage } from '@codemirror/language';
import { simpleMode } from '@codemirror/legacy-modes/mode/simple-mode';

const KEYWORDS = ['package', 'import', 'function', 'global', 'declare', 'end', 'rule', 'query', 'when', 'then',
  'salience', 'agenda-group', 'activation-group', 'ruleflow-group', 'no-loop', 'lock-on-active', 'dialect',
  'date-effective', 'date-expires', 'enabled', 'duration', 'timer', 'calendars', 'auto-focus', 'extends',
  'not', 'exists', 'forall', 'from', 'accumulate', 'collect', 'entry-point', 'eval', 'over', 'and', 'or',
  'matches', 'memberOf', 'contains', 'soundslike', 'in', 'insert', 'insertLogical', 'modify', 'update',
  'retract', 'delete', 'return', 'if', 'else', 'new', 'true', 'false', 'null', 'this', 'instanceof', 'type', 'trait'];
const TYPES = ['String', 'BigDecimal', 'Integer', 'Long', 'Boolean', 'LocalDate', 'List', 'Set', 'Map',
  'int', 'long', 'boolean', 'double', 'void'];

const word = (list) => new RegExp('(?:' + list.map((w) => w.replace(/[-]/g, '\\-')).join('|') + ')(?![\\w-])');

export const drlMode = simpleMode({
  start: [
    { regex: /"(?:[^\\"]|\\.)*?(?:"|$)/, token: 'string' },
    { regex: /'(?:[^\\']|\\.)*?(?:'|$)/, token: 'string' },
    { regex: /\/\/.*/, token: 'comment' },
    { regex: /\/\*/, token: 'comment', next: 'comment' },
    { regex: /#.*/, token: 'comment' },
    { regex: /\$[A-Za-z_][\w]*/, token: 'variableName.special' },
    { regex: /@[A-Za-z_][\w]*/, token: 'meta' },
    { regex: word(KEYWORDS), token: 'keyword' },
    { regex: word(TYPES), token: 'typeName' },
    { regex: /[0-9]+(?:\.[0-9]+)?[BLlbd]?/, token: 'number' },
    { regex: /[A-Z][\w]*/, token: 'typeName' },
    { regex: /[a-z_][\w]*/, token: 'variableName' },
    { regex: /[-+*/%=<>!&|:]+/, token: 'operator' },
    { regex: /[{}()[\],;.]/, token: 'punctuation' },
  ],
  comment: [
    { regex: /.*?\*\//, token: 'comment', next: 'start' },
    { regex: /.*/, token: 'comment' },
  ],
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
});

/** The DRL language, for an editor's extensions. */
export const drl = () => StreamLanguage.define(drlMode);
