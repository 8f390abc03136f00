/**
 * From a trained model to a submission: the model pin ({@code result/model.json}), resolving and verifying the
 * hosted model, predicting the test set, and writing predictions, top-2 scores and provenance atomically.
 */
package a2.predict;
