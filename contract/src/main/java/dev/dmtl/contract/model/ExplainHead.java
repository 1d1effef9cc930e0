package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a model declares for one task so that its exact class activation maps can be computed (the
 * {@code dmtl.explain} metadata, docs/MODEL_CONTRACT.md): the task's last feature maps as an extra
 * graph output and the weight of the linear layer after their global average pooling. For such a
 * head (GAP then linear) the logit of output j is {@code Σ_k W[j,k]·mean(A_k) + b_j}, so {@code Σ_k
 * W[j,k]·A_k(y, x)} is exactly the part of the logit each cell contributes.
 *
 * @param featureMap a graph output {@code [batch, C, h, w]}, float32, h and w fixed: the
 *     activations whose spatial mean is the linear layer's input
 * @param weight an initializer {@code [outputs, C]} (rows = the full width of the task's output,
 *     columns = the feature map's channels), as a Gemm with {@code transB=1} or PyTorch's {@code
 *     nn.Linear} stores it
 */
public record ExplainHead(
    @JsonProperty(required = true) String featureMap,
    @JsonProperty(required = true) String weight) {

  public ExplainHead {
    if (featureMap == null || featureMap.isBlank()) {
      throw new IllegalArgumentException("feature_map is missing");
    }
    if (weight == null || weight.isBlank()) {
      throw new IllegalArgumentException("weight is missing");
    }
  }
}
