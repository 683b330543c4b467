export function ScenariosPage() { return null; }
