package org.icl4j.engine.onnx.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small builder of ONNX graphs over the protobuf classes generated from the ONNX specification
 * ({@code ai.onnx.proto.OnnxMl}, shipped by Tribuo's {@code tribuo-util-onnx}). Node outputs get unique
 * names from a hint, so graph-writing code reads like the forward pass it encodes.
 *
 * <p>Models target {@value #OPSET} of the default domain (LayerNormalization needs opset 17) and IR version
 * {@value #IR_VERSION}.
 */
public final class OnnxGraph {

    /** The default-domain operator set every model uses. */
    public static final int OPSET = 17;
    /** The IR version matching opset 17 (ONNX 1.12). */
    public static final int IR_VERSION = 8;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private int counter;

    /** @param name the graph's name */
    public OnnxGraph(String name) {
        graph.setName(Objects.requireNonNull(name, "name is null"));
    }

    /**
     * Declares a float32 graph input.
     *
     * @param name the input's name
     * @param dims each an {@link Integer} (fixed) or a {@link String} (a named dynamic axis)
     * @return the input's name
     */
    public String floatInput(String name, Object... dims) {
        graph.addInput(valueInfo(name, OnnxMl.TensorProto.DataType.FLOAT, dims));
        return name;
    }

    /**
     * Declares a graph input of another element type (used to build models that break the contract).
     *
     * @param name the input's name
     * @param type its element type
     * @param dims each an {@link Integer} or a {@link String}
     * @return the input's name
     */
    public String input(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /**
     * Declares a float32 graph output, computed by an {@code Identity} of {@code value} so any value may be
     * exposed under the contract's name.
     *
     * @param name  the output's name
     * @param value the value it carries
     * @param dims  each an {@link Integer} or a {@link String}
     */
    public void floatOutput(String name, String value, Object... dims) {
        graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName(name + "_identity")
                .addInput(value).addOutput(name));
        graph.addOutput(valueInfo(name, OnnxMl.TensorProto.DataType.FLOAT, dims));
    }

    /**
     * Adds a float32 initializer.
     *
     * @param hint   name hint
     * @param values row-major values
     * @param dims   its shape (none for a scalar)
     * @return its name
     */
    public String floats(String hint, float[] values, long... dims) {
        String name = fresh(hint);
        graph.addInitializer(floatTensor(name, values, dims));
        return name;
    }

    /**
     * Adds an int64 initializer (shapes, axes, indices).
     *
     * @param hint   name hint
     * @param values values
     * @param dims   its shape (none for a scalar)
     * @return its name
     */
    public String longs(String hint, long[] values, long... dims) {
        String name = fresh(hint);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        bytes.flip();
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).setRawData(ByteString.copyFrom(bytes));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** @return the name of a 1-D int64 initializer holding {@code values} */
    public String axes(long... values) {
        return longs("axes", values, values.length);
    }

    /**
     * Adds a node with one output.
     *
     * @param op         the operator type
     * @param attributes its attributes (see {@link #attribute})
     * @param inputs     input names ("" for an omitted optional input)
     * @return the output's name
     */
    public String node(String op, List<OnnxMl.AttributeProto> attributes, String... inputs) {
        String output = fresh(op.toLowerCase(java.util.Locale.ROOT));
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output + "_node")
                .addOutput(output);
        for (String input : inputs) {
            node.addInput(input);
        }
        node.addAllAttribute(attributes);
        graph.addNode(node);
        return output;
    }

    /**
     * Adds a node with several outputs (e.g. {@code Split}).
     *
     * @param op         the operator type
     * @param outputs    the number of outputs
     * @param attributes its attributes
     * @param inputs     input names
     * @return the outputs' names
     */
    public String[] nodes(String op, int outputs, List<OnnxMl.AttributeProto> attributes, String... inputs) {
        String base = fresh(op.toLowerCase(java.util.Locale.ROOT));
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(base + "_node");
        String[] names = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            names[i] = base + "_" + i;
            node.addOutput(names[i]);
        }
        for (String input : inputs) {
            node.addInput(input);
        }
        node.addAllAttribute(attributes);
        graph.addNode(node);
        return names;
    }

    /**
     * Adds a node with one output and no attributes.
     *
     * @param op     the operator type
     * @param inputs input names
     * @return the output's name
     */
    public String node(String op, String... inputs) {
        return node(op, List.of(), inputs);
    }

    /**
     * An attribute: {@link Long}/{@link Integer} → INT, {@link Float}/{@link Double} → FLOAT, {@link String} →
     * STRING, {@code long[]} → INTS, {@link OnnxMl.TensorProto} → TENSOR.
     *
     * @param name  the attribute's name
     * @param value its value
     * @return the attribute
     */
    public static OnnxMl.AttributeProto attribute(String name, Object value) {
        OnnxMl.AttributeProto.Builder attribute = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer || value instanceof Long) {
            attribute.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            attribute.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
        } else if (value instanceof String text) {
            attribute.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(text));
        } else if (value instanceof long[] values) {
            attribute.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                attribute.addInts(v);
            }
        } else if (value instanceof OnnxMl.TensorProto tensor) {
            attribute.setType(OnnxMl.AttributeProto.AttributeType.TENSOR).setT(tensor);
        } else {
            throw new IllegalArgumentException("unsupported attribute value for " + name + ": " + value);
        }
        return attribute.build();
    }

    /**
     * A float32 tensor value (for initializers and TENSOR attributes).
     *
     * @param name   the tensor's name
     * @param values row-major values
     * @param dims   its shape
     * @return the tensor
     */
    public static OnnxMl.TensorProto floatTensor(String name, float[] values, long... dims) {
        long count = 1;
        for (long dim : dims) {
            count *= dim;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + java.util.Arrays.toString(dims)
                    + " needs " + count + " values, found " + values.length);
        }
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(bytes));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    /**
     * Serialises the model.
     *
     * @param producer the producer's name
     * @param version  the producer's version
     * @param metadata metadata properties, e.g. {@code icl4j.config}
     * @return the ModelProto bytes
     */
    public byte[] toBytes(String producer, String version, Map<String, String> metadata) {
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(producer)
                .setProducerVersion(version)
                .setGraph(graph);
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder()
                    .setKey(entry.getKey()).setValue(entry.getValue()));
        }
        return model.build().toByteArray();
    }

    private String fresh(String hint) {
        return hint + "_" + counter++;
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dimension = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof Integer size) {
                dimension.setDimValue(size);
            } else if (dim instanceof String param) {
                dimension.setDimParam(param);
            } else {
                throw new IllegalArgumentException("a dimension is an Integer or a String, found " + dim);
            }
            shape.addDim(dimension);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(shape)))
                .build();
    }
}
