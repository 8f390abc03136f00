/**
 * Starting the jar's main class again in a child JVM so that the child can never outlive its parent: the parent
 * destroys its children when it exits ({@link a2.launch.ChildJvm}), and a child halts when its parent is gone,
 * however it went, {@code kill -9} included ({@link a2.launch.ParentWatch}).
 */
package a2.launch;
