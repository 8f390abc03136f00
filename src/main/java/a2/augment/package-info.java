/**
 * Training-time augmentation: small pure functions of (image, random source) on float CHW images in [0, 1],
 * and the seeded {@link a2.augment.Augmenter} that composes them as the recipe says.
 */
package a2.augment;
