/**
 * The STL-10 binary release ({@code stl10_binary/}): its byte layout, a memory-mapped reader with strict
 * validation behind {@link a2.data.Dataset}, and a writer for real-layout folders (synthetic ones included).
 */
package a2.data.stl10;
