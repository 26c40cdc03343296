/** Command-line options of the benchmark and check scripts: `--name value` and `--flag`. */
const args = process.argv.slice(2);

/** The number after `name`, or `dflt` when the option is absent. */
export const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};

/** The text after `name`, or `dflt` when the option is absent. */
export const str = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};

/** Whether `name` was given. */
export const flag = (name: string): boolean => args.includes(name);
