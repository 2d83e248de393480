import { describe, expect, it } from 'vitest';
import { safeFileName } from './safeFileName.ts';

// Hand-made names: these are attacks on the download path, which no real profile carries.
describe('safeFileName', () => {
  it('keeps ordinary profile names as they are', () => {
    expect(safeFileName('heap_3.pb.gz', 'x')).toBe('heap_3.pb.gz');
    expect(safeFileName('goroutine 1 (copy).txt', 'x')).toBe('goroutine 1 (copy).txt');
  });

  it('drops directories and traversal', () => {
    expect(safeFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\heap.pb.gz', 'x')).toBe('heap.pb.gz');
    expect(safeFileName('..', 'fallback.bin')).toBe('fallback.bin');
  });

  it('neutralises markup, control and bidi characters and reserved names', () => {
    expect(safeFileName('<img src=x onerror=alert(1)>.pb.gz', 'x')).toBe('_img src=x onerror=alert(1)_.pb.gz');
    expect(safeFileName('evil\u202egz.bp.exe', 'x')).toBe('evil_gz.bp.exe');
    expect(safeFileName('a\nb\u0000c', 'x')).toBe('a_b_c');
    expect(safeFileName('CON.txt', 'fallback.bin')).toBe('fallback.bin');
    expect(safeFileName('.bashrc', 'x')).toBe('bashrc');
    expect(safeFileName('javascript:alert(1)', 'x')).toBe('javascript_alert(1)');
  });

  it('shortens very long names but keeps the extension', () => {
    const name = safeFileName(`${'a'.repeat(300)}.pb.gz`, 'x');
    expect(name.length).toBe(120);
    expect(name.endsWith('a.gz')).toBe(true);
  });
});
